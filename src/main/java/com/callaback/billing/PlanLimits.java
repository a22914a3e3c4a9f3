package com.callaback.billing;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.exception.ConstraintViolationException;

import com.callaback.identity.BusinessTerms;
import com.callaback.tenant.Tenant;
import com.callaback.web.InvalidInputException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What a business may have on its plan, and the trial: a new business starts with a limited number of texts and
 * one number, one trial per person; an agency adds clients up to its plan's limit (one during its trial). Every
 * refusal says what to do: choose a bigger plan under Billing.
 */
@ApplicationScoped
public class PlanLimits implements BusinessTerms {

    /** The way out of every limit, appended to its message. */
    public static final String UPGRADE = BusinessTerms.UPGRADE;

    @Inject
    BillingConfig config;

    @Override
    public Seats seats(Tenant tenant) {
        Plan plan = Plan.of(tenant.plan);
        return new Seats(plan.displayName, plan.maxTeamMembers);
    }

    /** Inside the signup's transaction: makes the new business this person's one trial, or refuses. */
    @Override
    public void startTrial(Tenant tenant, UUID userId) {
        Optional<String> earlier = Tenant.trialBusinessOf(userId);
        if (earlier.isPresent()) {
            throw secondTrial(earlier.get());
        }
        tenant.trialStartedBy = userId;
        tenant.trialTextLimit = config.trialTexts();
    }

    /**
     * The refusal for a signup whose commit failed because the same person's other signup committed its trial
     * first (two at once both passed {@link #startTrial}'s check; the unique index took one); otherwise the failure
     * itself.
     */
    @Override
    public RuntimeException whenTrialTaken(RuntimeException failure, UUID userId) {
        if (!violates(failure, "tenants_one_trial_per_user_idx")) {
            return failure;
        }
        Optional<String> earlier = QuarkusTransaction.requiringNew().call(() -> Tenant.trialBusinessOf(userId));
        return secondTrial(earlier.orElse("another business"));
    }

    /** Whether the failure, a cause of it, or one suppressed at commit, broke this constraint. */
    private static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && constraint.equals(violation.getConstraintName())) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (violates(suppressed, constraint)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static InvalidInputException secondTrial(String earlierName) {
        return new InvalidInputException("name", "You already started a free trial with " + earlierName
                + ". Choose a plan for it under Billing (/billing); to run several businesses, choose the Agency "
                + "plan and add them as clients.");
    }

    /** Inside the transaction adding a client: refuses when the agency's plan is full; the agency pays for it. */
    @Override
    public void admitClient(Tenant client, Tenant agency) {
        int max = maxClients(agency);
        long clients = Tenant.count("agencyId = ?1 and status = 'active'", agency.id);
        if (clients >= max) {
            throw new InvalidInputException("name", "The " + Plan.of(agency.plan).displayName + " plan"
                    + (inTrial(agency) ? " during the free trial" : "") + " includes " + max + " client business"
                    + (max == 1 ? "" : "es") + ". " + UPGRADE);
        }
        client.paidByAgency = true;
        if (agency.billingStopsTexts() && !agency.trialUsedUp()) {
            // An agency whose payments stopped holds its new client's texts as it holds its other clients'.
            client.billingStatus = agency.billingStatus;
        } else if (agency.stripeSubscriptionId == null && !"active".equals(agency.billingStatus)) {
            // A client of an agency not paying yet shares in the trial: it gets the trial's texts of its own.
            client.trialTextLimit = config.trialTexts();
        }
    }

    /** Numbers a business may have: its plan's, and one during a capped trial. */
    public static int maxNumbers(Tenant tenant) {
        int plan = Plan.of(tenant.plan).maxNumbers;
        return inTrial(tenant) ? Math.min(1, plan) : plan;
    }

    public static int maxClients(Tenant agency) {
        int plan = Plan.of(agency.plan).maxClientBusinesses;
        return inTrial(agency) ? Math.min(1, plan) : plan;
    }

    private static boolean inTrial(Tenant tenant) {
        return "trialing".equals(tenant.billingStatus) && tenant.trialTextLimit != null;
    }
}
