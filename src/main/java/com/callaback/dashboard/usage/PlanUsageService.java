package com.callaback.dashboard.usage;

import java.math.BigInteger;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.billing.BillingPeriod;
import com.callaback.billing.Plan;
import com.callaback.tenant.Tenant;

/**
 * The overview's usage against the plan, counted as billing counts it (BillingService): segments of the texts sent
 * or delivered in the billing period (the subscription's, or else the calendar month). Runs in the caller's
 * transaction, as its tenant. A sub-package of its own so that the dashboard, which billing imports for its
 * notifications, does not import billing back.
 */
@ApplicationScoped
public class PlanUsageService {

    @Inject
    EntityManager em;

    public PlanUsage usage(Tenant tenant, Instant now) {
        BillingPeriod period = BillingPeriod.around(tenant.currentPeriodStart, tenant.currentPeriodEnd, now);
        Object[] used = (Object[]) em.createNativeQuery("""
                select coalesce(sum(coalesce(segments, 1)), 0), count(*) from sms_metrics
                 where status in ('sent', 'delivered') and created_at >= ?1 and created_at < ?2""")
                .setParameter(1, period.start()).setParameter(2, period.end()).getSingleResult();
        boolean cappedTrial = "trialing".equals(tenant.billingStatus) && tenant.trialTextLimit != null;
        return new PlanUsage(period.with(count(used[0]), count(used[1]), Plan.of(tenant.plan)),
                cappedTrial ? tenant.trialTextLimit : null, tenant.trialTextsUsed, tenant.paidByAgency);
    }

    private static long count(Object value) {
        return value instanceof BigInteger b ? b.longValueExact() : ((Number) value).longValue();
    }
}
