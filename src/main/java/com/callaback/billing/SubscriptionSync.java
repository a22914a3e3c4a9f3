package com.callaback.billing;

import java.time.Instant;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.callaback.dashboard.Notification;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.tenant.TenantScope;

/**
 * Brings the current business's plan and billing status to a given state (Stripe's subscription, or a plan chosen
 * in local mode), and acts on the change: texts held by billing are released (or cancelled when too old) once it
 * allows sending again, and the team is told when it stops.
 */
@ApplicationScoped
public class SubscriptionSync {

    @Inject
    TenantContext tenantContext;

    @Inject
    HeldTexts heldTexts;

    @Inject
    TenantScope tenantScope;

    /**
     * Takes on Stripe's state of a subscription of this business's customer, as read at {@code readAt}; a state read
     * before the one applied last is left alone (two events handled at once may commit in either order). The
     * business's row is locked, so two applications compare their reads one after the other.
     */
    public void apply(StripeGateway.SubscriptionState state, Instant readAt) {
        Tenant tenant = Tenant.findById(tenantContext.require(), LockModeType.PESSIMISTIC_WRITE);
        if (tenant.billingSyncedAt != null && readAt.isBefore(tenant.billingSyncedAt)) {
            return;
        }
        tenant.billingSyncedAt = readAt;
        boolean current = state.id().equals(tenant.stripeSubscriptionId);
        boolean live = !"canceled".equals(billingStatusOf(state.status(), "canceled"));
        if (tenant.stripeSubscriptionId != null && !current && !live) {
            return; // an earlier subscription ending does not end the one the business has now
        }
        Plan plan = state.priceIds().stream().map(Plan::findByStripePrice).filter(Objects::nonNull).findFirst()
                .orElse(null);
        tenant.stripeSubscriptionId = state.id();
        change(tenant, billingStatusOf(state.status(), tenant.billingStatus), plan, state.periodStart(),
                state.periodEnd());
    }

    /** Sets plan, status and period, then releases or announces held texts as the change requires. */
    public void change(Tenant tenant, String billingStatus, Plan plan, Instant periodStart, Instant periodEnd) {
        boolean wasStopped = tenant.billingStopsTexts();
        tenant.billingStatus = billingStatus;
        if ("active".equals(billingStatus)) {
            tenant.trialTextLimit = null; // a paid plan has no trial cap
        }
        if (plan != null) {
            tenant.plan = plan.code;
        }
        if (periodStart != null) {
            tenant.currentPeriodStart = periodStart;
            tenant.currentPeriodEnd = periodEnd;
        }
        boolean stopped = tenant.billingStopsTexts();
        if (tenant.isAgency()) {
            // Clients the agency pays for share its standing; each is changed as itself (its own held texts).
            for (Tenant client : Tenant.<Tenant>list("agencyId = ?1 and paidByAgency = true", tenant.id)) {
                tenantScope.run(client.id, () -> {
                    change(Tenant.findById(client.id), billingStatus, null, periodStart, periodEnd);
                });
            }
        }
        if (wasStopped && !stopped) {
            heldTexts.release();
        } else if (!wasStopped && stopped) {
            Notification.raise("billing", "Texts are on hold: billing is " + billingStatus.replace('_', ' '),
                    "Calls and replies are still recorded, but no text goes out until billing is settled. Open "
                            + "Billing to update the payment method or choose a plan.",
                    "/billing");
        }
    }

    /**
     * Our billing status for a Stripe subscription status. An incomplete subscription (first payment not made yet)
     * changes nothing; a Stripe trial of a paid plan counts as active.
     */
    static String billingStatusOf(String stripeStatus, String unchanged) {
        return switch (stripeStatus == null ? "" : stripeStatus) {
            case "active", "trialing" -> "active";
            case "past_due" -> "past_due";
            case "unpaid" -> "unpaid";
            case "canceled", "incomplete_expired", "paused" -> "canceled";
            default -> unchanged;
        };
    }
}
