package com.callaback.billing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.tenant.Tenant;
import com.callaback.web.InvalidInputException;

/**
 * What a business may have on its plan, and the trial: a new business starts with a limited number of texts and
 * one number, one trial per person; an agency adds clients up to its plan's limit (one during its trial). Every
 * refusal says what to do: choose a bigger plan under Billing.
 */
@ApplicationScoped
public class PlanLimits {

    /** The way out of every limit, appended to its message. */
    public static final String UPGRADE = "Choose a bigger plan under Billing (/billing).";

    @Inject
    BillingConfig config;

    /** Inside the signup's transaction: makes the new business this person's one trial, or refuses. */
    public void startTrial(Tenant tenant, UUID userId) {
        Tenant earlier = Tenant.find("trialStartedBy", userId).firstResult();
        if (earlier != null) {
            throw new InvalidInputException("name", "You already started a free trial with " + earlier.name
                    + ". Choose a plan for it under Billing (/billing); to run several businesses, choose the Agency "
                    + "plan and add them as clients.");
        }
        tenant.trialStartedBy = userId;
        tenant.trialTextLimit = config.trialTexts();
    }

    /** Inside the transaction adding a client: refuses when the agency's plan is full; the agency pays for it. */
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
