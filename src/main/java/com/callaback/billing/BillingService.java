package com.callaback.billing;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.InvalidInputException;

/** The current business's billing: what the page shows, and the plan changes made on it. */
@ApplicationScoped
public class BillingService {

    /** Usage of one client business an agency pays for. */
    public record ClientUsage(UUID tenantId, String name, long segments, long texts) {
    }

    /**
     * Everything the billing page shows except Stripe's invoices. {@code reportingDelayed}: some texts' usage is not
     * reported to Stripe in time (an outage); {@code underReview}: the latest recent day whose usage differed from
     * Stripe's meter, or null.
     */
    public record Overview(Tenant tenant, Plan plan, BillingPeriod period, List<Plan> plans, Tenant.Agency payingAgency,
            List<ClientUsage> clients, boolean local, boolean reportingDelayed, ReconciledPeriod underReview) {

        public boolean paidByAgency() {
            return payingAgency != null;
        }

        public boolean subscribed() {
            return tenant.stripeSubscriptionId != null;
        }

        /** A subscription that still runs (not cancelled): a plan change goes through the Portal, not a Checkout. */
        public boolean subscriptionRuns() {
            return subscribed() && !"canceled".equals(tenant.billingStatus);
        }
    }

    @Inject
    TenantContext tenantContext;

    @Inject
    EntityManager em;

    @Inject
    BillingConfig config;

    @Inject
    SubscriptionSync sync;

    @Transactional
    public Overview overview(Instant now) {
        Tenant tenant = Tenant.findById(tenantContext.require());
        Plan plan = Plan.of(tenant.plan);
        BillingPeriod period = BillingPeriod.around(tenant.currentPeriodStart, tenant.currentPeriodEnd, now);
        Object[] usage = (Object[]) em.createNativeQuery("""
                select coalesce(sum(coalesce(segments, 1)), 0), count(*) from sms_metrics
                 where status in ('sent', 'delivered') and created_at >= ?1 and created_at < ?2""")
                .setParameter(1, period.start()).setParameter(2, period.end()).getSingleResult();
        Tenant.Agency agency = tenant.paidByAgency ? Tenant.agencyOfCurrent().orElse(null) : null;
        List<ClientUsage> clients = tenant.isAgency() ? clientUsage(period.start()) : List.of();
        long clientSegments = clients.stream().mapToLong(ClientUsage::segments).sum();
        long clientTexts = clients.stream().mapToLong(ClientUsage::texts).sum();
        return new Overview(tenant, plan, period.with(number(usage[0]) + clientSegments,
                number(usage[1]) + clientTexts, plan), Plan.listInOrder(), agency, clients, config.local(),
                !config.local() && reportsBehind() > 0,
                ReconciledPeriod.latestMismatchWithin(config.reviewShownFor(), now).orElse(null));
    }

    /** Texts of this business and the clients it pays for whose usage has not reached Stripe in time. */
    private long reportsBehind() {
        return number(em.createNativeQuery("select usage_reports_behind(make_interval(secs => ?1))")
                .setParameter(1, (double) config.usage().delayedAfter().toSeconds()).getSingleResult());
    }

    @SuppressWarnings("unchecked")
    private List<ClientUsage> clientUsage(Instant since) {
        List<Object[]> rows = em.createNativeQuery("select * from agency_client_usage(?1)")
                .setParameter(1, Timestamp.from(since)).getResultList();
        return rows.stream().map(r -> new ClientUsage((UUID) r[0], (String) r[1], number(r[2]), number(r[3])))
                .toList();
    }

    /** Local billing mode: the owner picks a plan and it is active at once, for a month from now. */
    @Transactional
    public void choosePlanLocally(String code, Instant now) {
        if (!config.local()) {
            throw new InvalidInputException("plan", "Plans are chosen through Stripe Checkout here.");
        }
        Plan plan = planToBuy(code);
        Tenant tenant = Tenant.findById(tenantContext.require());
        sync.change(tenant, "active", plan, now.truncatedTo(ChronoUnit.SECONDS),
                now.truncatedTo(ChronoUnit.SECONDS).plus(30, ChronoUnit.DAYS));
    }

    /** A plan someone may buy, or a 400 that says which exist. */
    public Plan planToBuy(String code) {
        Plan plan = code == null ? null : Plan.findById(code);
        if (plan == null) {
            throw new InvalidInputException("plan", "Choose one of the plans: "
                    + String.join(", ", Plan.listInOrder().stream().map(p -> p.code).toList()) + ".");
        }
        return plan;
    }

    /** Records the Stripe customer made for this business (once: a concurrent second one is not kept). */
    @Transactional
    public String keepCustomer(String customerId) {
        Tenant tenant = Tenant.findById(tenantContext.require());
        if (tenant.stripeCustomerId == null) {
            tenant.stripeCustomerId = customerId;
        }
        return tenant.stripeCustomerId;
    }

    private static long number(Object value) {
        return value instanceof BigInteger b ? b.longValueExact() : ((Number) value).longValue();
    }
}
