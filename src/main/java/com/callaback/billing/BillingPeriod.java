package com.callaback.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Usage so far in a billing period against a plan, and what the period will cost if texting goes on at the same
 * pace: the projection the billing page shows. Pure arithmetic, no I/O.
 */
public record BillingPeriod(Instant start, Instant end, long segmentsUsed, long texts, Plan plan) {

    /** The subscription's period, or the calendar month (UTC) when there is none (trial, local mode). */
    public static BillingPeriod around(Instant periodStart, Instant periodEnd, Instant now) {
        if (periodStart != null && periodEnd != null && !now.isBefore(periodStart) && now.isBefore(periodEnd)) {
            return new BillingPeriod(periodStart, periodEnd, 0, 0, null);
        }
        ZonedDateTime month = now.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
        return new BillingPeriod(month.toInstant(), month.plusMonths(1).toInstant(), 0, 0, null);
    }

    public BillingPeriod with(long segments, long textCount, Plan forPlan) {
        return new BillingPeriod(start, end, segments, textCount, forPlan);
    }

    public long included() {
        return plan.includedSegments;
    }

    public long overageSegments() {
        return Math.max(0, segmentsUsed - plan.includedSegments);
    }

    /** Segments at the end of the period if the pace so far goes on. */
    public long projectedSegments(Instant now) {
        long elapsed = Math.max(Duration.between(start, now).toSeconds(), 3600);
        long length = Duration.between(start, end).toSeconds();
        return elapsed >= length ? segmentsUsed
                : BigDecimal.valueOf(segmentsUsed).multiply(BigDecimal.valueOf(length))
                        .divide(BigDecimal.valueOf(elapsed), 0, RoundingMode.HALF_UP).longValueExact();
    }

    public BigDecimal projectedOverage(Instant now) {
        long extra = Math.max(0, projectedSegments(now) - plan.includedSegments);
        return plan.pricePerExtraSegment.multiply(BigDecimal.valueOf(extra)).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal projectedTotal(Instant now) {
        return plan.monthlyPrice.add(projectedOverage(now)).setScale(2, RoundingMode.HALF_UP);
    }

    /** Percent of the included segments used, capped at 100 for the meter bar. */
    public int percentUsed() {
        return plan.includedSegments == 0 ? 100 : (int) Math.min(100, segmentsUsed * 100 / plan.includedSegments);
    }
}
