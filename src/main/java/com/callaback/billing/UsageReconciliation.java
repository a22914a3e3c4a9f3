package com.callaback.billing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.dashboard.Notification;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Compares our ledger with Stripe's meter: for each paying business, the segments we marked reported for texts sent
 * in a day against the sum of Stripe's meter event summaries for that day. Each comparison is recorded in the
 * business (usage_reconciliations: its billing page says "under review" while a day differs), and the first time a
 * day differs the platform operator's business gets a notification, which the alert dispatcher mails to its team.
 */
@ApplicationScoped
public class UsageReconciliation {

    private static final Logger LOG = Logger.getLogger(UsageReconciliation.class);

    /** Full days compared on each run: a day that differed because a report was late is compared again. */
    static final int DAYS_COMPARED = 3;

    /** One customer's period: what we reported and what Stripe counted. */
    public record Difference(String customerId, Instant from, Instant to, long ledger, BigDecimal stripe) {
    }

    /** A difference the operator has not been told about yet. */
    private record OperatorNotice(UUID tenantId, String businessName, Difference difference) {
    }

    @Inject
    BillingConfig config;
    @Inject
    StripeGateway stripe;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    @Scheduled(identity = "usage-reconciliation", every = "${callaback.billing.reconcile-every:24h}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        for (int day = DAYS_COMPARED; day >= 1; day--) {
            compare(today.minus(day, ChronoUnit.DAYS), today.minus(day - 1L, ChronoUnit.DAYS));
        }
    }

    /** Compares and records every paying business's period (minute-aligned times); returns the differences. */
    public List<Difference> compare(Instant from, Instant to) {
        if (config.local() || config.meterId().isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> payers = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select tenant_id, stripe_customer_id from billed_stripe_customers()").getResultList());
        List<Difference> differences = new ArrayList<>();
        for (Object[] payer : payers) {
            UUID tenantId = (UUID) payer[0];
            String customer = (String) payer[1];
            long ledger = scope.call(tenantId, () -> reportedUsage(customer, from, to));
            BigDecimal counted = null;
            String error = null;
            try {
                counted = stripe.meterTotal(config.meterId().get(), customer, from, to);
            } catch (StripeGateway.StripeFailure e) {
                error = e.getMessage();
                LOG.warnf("Usage of %s from %s to %s not compared: %s", customer, from, to, error);
            }
            Difference compared = new Difference(customer, from, to, ledger, counted);
            String failure = error;
            OperatorNotice notice;
            try {
                notice = scope.call(tenantId, () -> record(tenantId, compared, failure));
            } catch (RuntimeException e) {
                // Another replica recording the same day at the same moment: its record stands; go on with the rest.
                LOG.warnf(e, "Usage comparison of %s from %s to %s not recorded", customer, from, to);
                notice = null;
            }
            if (counted != null && counted.compareTo(BigDecimal.valueOf(ledger)) != 0) {
                LOG.warnf("Usage of %s from %s to %s: ledger %d segments, Stripe's meter %s", customer, from, to,
                        ledger, counted);
                differences.add(compared);
            }
            if (notice != null) {
                tellOperator(notice);
            }
        }
        return differences;
    }

    /** Segments the ledger says were reported to the customer (the current business's own, or its client's). */
    long reportedUsage(String customer, Instant from, Instant to) {
        return ((Number) em.createNativeQuery("select reported_usage(?1, ?2, ?3)").setParameter(1, customer)
                .setParameter(2, Timestamp.from(from)).setParameter(3, Timestamp.from(to)).getSingleResult())
                .longValue();
    }

    /**
     * In the paying business: records the comparison; returns the notice to send when the period differs and the
     * operator was not told yet. Stripe unreadable keeps an earlier result (its figures were not compared again).
     */
    private OperatorNotice record(UUID tenantId, Difference compared, String error) {
        ReconciledPeriod period = ReconciledPeriod.forPeriod(compared.customerId(), compared.from(), compared.to());
        period.checkedAt = Instant.now();
        period.error = error;
        if (compared.stripe() == null) {
            if (period.status == null) {
                period.status = ReconciledPeriod.Outcome.unchecked;
                period.ledgerSegments = compared.ledger();
            }
            period.persist();
            return null;
        }
        period.ledgerSegments = compared.ledger();
        period.stripeSegments = compared.stripe();
        boolean differs = compared.stripe().compareTo(BigDecimal.valueOf(compared.ledger())) != 0;
        period.status = differs ? ReconciledPeriod.Outcome.mismatched : ReconciledPeriod.Outcome.matched;
        OperatorNotice notice = null;
        if (!differs) {
            period.operatorNotifiedAt = null; // should it differ again later, that is a new difference to tell
        } else if (period.operatorNotifiedAt == null) {
            period.operatorNotifiedAt = period.checkedAt;
            notice = new OperatorNotice(tenantId, Tenant.<Tenant>findById(tenantId).name, compared);
        }
        period.persist();
        return notice;
    }

    /** A notification in the operator's own business (mailed by the alert dispatcher); untold again if it fails. */
    private void tellOperator(OperatorNotice notice) {
        Difference d = notice.difference();
        if (config.operatorBusiness().isEmpty()) {
            LOG.errorf("Usage of %s (%s) from %s to %s differs from Stripe's meter (ledger %d, Stripe %s) and no "
                    + "operator business is configured (callaback.billing.operator-business)", notice.businessName(),
                    d.customerId(), d.from(), d.to(), d.ledger(), d.stripe());
            return;
        }
        try {
            scope.run(config.operatorBusiness().get(), () -> Notification.raise("system",
                    "Usage differs from Stripe's meter: " + notice.businessName(),
                    "From " + d.from() + " to " + d.to() + " our ledger reported " + d.ledger()
                            + " segments to Stripe customer " + d.customerId() + "; Stripe's meter counted "
                            + d.stripe().toPlainString() + ". See docs/billing.md, \"Reconciliation\".",
                    null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "The operator could not be told of %s's usage difference; the next run tries again",
                    notice.businessName());
            scope.run(notice.tenantId(), () -> ReconciledPeriod.update("operatorNotifiedAt = null where "
                    + "periodStart = ?1 and periodEnd = ?2", d.from(), d.to()));
        }
    }
}
