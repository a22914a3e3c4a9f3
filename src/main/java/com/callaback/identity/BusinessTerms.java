package com.callaback.identity;

import java.util.UUID;

import com.callaback.tenant.Tenant;

/**
 * What a business's plan allows the identity feature: the team's size, and the terms a new business starts on
 * (its trial, or a client's place in its agency's plan). Implemented by billing, which depends on identity and not
 * the other way round.
 */
public interface BusinessTerms {

    /** The people a business's plan allows, and the plan's name for messages. */
    record Seats(String displayName, int maxUsers) {
    }

    /** Where every refusal of a limit points: appended to its message. */
    String UPGRADE = "Choose a bigger plan under Billing (/billing).";

    Seats seats(Tenant tenant);

    /** Inside the signup's transaction: makes the new business this person's one trial, or refuses. */
    void startTrial(Tenant tenant, UUID userId);

    /** The refusal to give when a signup's commit failed because this person's other trial committed first. */
    RuntimeException whenTrialTaken(RuntimeException failure, UUID userId);

    /** Inside the transaction adding a client: refuses when the agency's plan is full, or sets the client's terms. */
    void admitClient(Tenant client, Tenant agency);
}
