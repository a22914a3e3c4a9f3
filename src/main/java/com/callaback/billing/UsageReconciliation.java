package com.callaback.billing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.tenant.Tenant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Compares our ledger with Stripe's meter: for each paying customer, the segments we marked reported for texts sent
 * in a day against the sum Stripe's meter event summaries give for that day. A difference is logged as a warning
 * for a person (a meter event Stripe dropped, or one sent twice beyond its 24-hour deduplication).
 */
@ApplicationScoped
public class UsageReconciliation {

    private static final Logger LOG = Logger.getLogger(UsageReconciliation.class);

    /** One customer's day: what we reported and what Stripe counted. */
    public record Difference(String customerId, Instant from, Instant to, long ledger, BigDecimal stripe) {
    }

    @Inject
    BillingConfig config;
    @Inject
    StripeGateway stripe;
    @Inject
    EntityManager em;

    @Scheduled(identity = "usage-reconciliation", every = "${callaback.billing.reconcile-every:24h}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        compare(today.minus(1, ChronoUnit.DAYS), today);
    }

    /** The customers whose ledger and meter differ between two minute-aligned times; empty when all agree. */
    public List<Difference> compare(Instant from, Instant to) {
        if (config.local() || config.meterId().isEmpty()) {
            return List.of();
        }
        List<String> customers = QuarkusTransaction.requiringNew().call(Tenant::subscribedStripeCustomers);
        List<Difference> differences = new ArrayList<>();
        for (String customer : customers) {
            long ledger = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select reported_usage(?1, ?2, ?3)").setParameter(1, customer).setParameter(2, Timestamp.from(from))
                    .setParameter(3, Timestamp.from(to)).getSingleResult()).longValue());
            BigDecimal counted;
            try {
                counted = stripe.meterTotal(config.meterId().get(), customer, from, to);
            } catch (StripeGateway.StripeFailure e) {
                LOG.warnf("Usage of %s from %s to %s not compared: %s", customer, from, to, e.getMessage());
                continue;
            }
            if (counted.compareTo(BigDecimal.valueOf(ledger)) != 0) {
                Difference difference = new Difference(customer, from, to, ledger, counted);
                LOG.warnf("Usage of %s from %s to %s: ledger %d segments, Stripe's meter %s", customer, from, to,
                        ledger, counted);
                differences.add(difference);
            }
        }
        return differences;
    }
}
