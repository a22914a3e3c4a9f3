package com.callaback.billing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import com.callaback.tenant.TenantScoped;

/**
 * One compared period of a paying business (usage_reconciliations): the segments our ledger says were reported,
 * what Stripe's meter counted, when it was checked, and whether the platform operator was told of a difference.
 */
@Entity
@Table(name = "usage_reconciliations")
public class ReconciledPeriod extends TenantScoped {

    /** How a period compared. */
    public enum Outcome {
        matched, mismatched, unchecked
    }

    @Column(name = "stripe_customer_id")
    public String stripeCustomerId;
    @Column(name = "period_start")
    public Instant periodStart;
    @Column(name = "period_end")
    public Instant periodEnd;
    @Column(name = "ledger_segments")
    public long ledgerSegments;
    /** Null when Stripe could not be read. */
    @Column(name = "stripe_segments")
    public BigDecimal stripeSegments;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Outcome status;
    public String error;
    @Column(name = "checked_at")
    public Instant checkedAt;
    @Column(name = "operator_notified_at")
    public Instant operatorNotifiedAt;

    public boolean mismatched() {
        return status == Outcome.mismatched;
    }

    /** The current business's row for a period, made empty when it was never compared. */
    static ReconciledPeriod forPeriod(String customerId, Instant from, Instant to) {
        ReconciledPeriod period = ReconciledPeriod.<ReconciledPeriod>find("periodStart = ?1 and periodEnd = ?2", from, to)
                .firstResult();
        if (period == null) {
            period = new ReconciledPeriod();
            period.periodStart = from;
            period.periodEnd = to;
        }
        period.stripeCustomerId = customerId;
        return period;
    }

    /** The latest period of the current business whose figures differ, compared within the given time. */
    public static Optional<ReconciledPeriod> latestMismatchWithin(Duration window, Instant now) {
        return find("status = ?1 and periodEnd > ?2 order by periodEnd desc", Outcome.mismatched, now.minus(window))
                .firstResultOptional();
    }
}
