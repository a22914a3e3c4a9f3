package com.callaback.billing;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start production without a way to charge: a Stripe secret key and webhook secret, or local billing
 * chosen on purpose ({@code CALLABACK_BILLING_MODE=local}), so that a missing key never silently gives the product
 * away.
 */
@Singleton
public class BillingModeCheck {

    @Inject
    BillingConfig config;

    void check(@Observes StartupEvent event) {
        String problem = problem(config, LaunchMode.current());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    static String problem(BillingConfig config, LaunchMode launchMode) {
        boolean hasKey = config.secretKey().filter(k -> !k.isBlank()).isPresent();
        if (config.mode().isEmpty() && !hasKey && launchMode == LaunchMode.NORMAL) {
            return "Billing is not configured: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to charge through "
                    + "Stripe, or CALLABACK_BILLING_MODE=local to run without Stripe (nothing is charged).";
        }
        if (config.effectiveMode() == BillingConfig.Mode.stripe) {
            if (!hasKey) {
                return "CALLABACK_BILLING_MODE=stripe needs STRIPE_SECRET_KEY.";
            }
            if (config.webhookSecret().filter(s -> !s.isBlank()).isEmpty()) {
                return "Stripe billing needs STRIPE_WEBHOOK_SECRET (the webhook endpoint's signing secret, whsec_...).";
            }
        }
        return null;
    }
}
