package com.callaback.billing;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the platform charges: through Stripe, or locally (dev, demo) with the same counting and no Stripe account. */
@ConfigMapping(prefix = "callaback.billing")
public interface BillingConfig {

    enum Mode {
        /** Checkout, Portal, webhooks and meter events go to Stripe. */
        stripe,
        /** Plans are chosen on the billing page; meter events are recorded in our ledger only. */
        local
    }

    /**
     * {@code stripe} or {@code local} (from {@code CALLABACK_BILLING_MODE}). Unset: stripe when a secret key is set;
     * otherwise local in dev and tests, and production refuses to start (see {@link BillingModeCheck}).
     */
    Optional<Mode> mode();

    /** Stripe secret API key (from {@code STRIPE_SECRET_KEY}). */
    Optional<String> secretKey();

    /** Signing secret of the webhook endpoint (from {@code STRIPE_WEBHOOK_SECRET}, "whsec_..."). */
    Optional<String> webhookSecret();

    /** Sends every Stripe API call here instead of https://api.stripe.com (a local stub in tests). Unset in production. */
    Optional<String> apiBase();

    /** The {@code event_name} of the Stripe Billing Meter that counts SMS segments (docs/billing.md). */
    @WithDefault("sms_segments")
    String meterEventName();

    /** The Billing Meter's id ("mtr_..."), for the daily reconciliation with its summaries; unset: none runs. */
    Optional<String> meterId();

    /** How often the ledger is compared with Stripe's meter summaries (the previous full UTC day). */
    @WithDefault("24h")
    String reconcileEvery();

    /**
     * The platform operator's own business in Callaback (its tenant id): a difference between our ledger and
     * Stripe's meter becomes a notification there, once per business and day, mailed to its team by the alert
     * dispatcher. Unset: the difference is only logged (as an error) and shown on the business's billing page.
     */
    Optional<java.util.UUID> operatorBusiness();

    /** How long after a day that differed from Stripe's meter the billing page still says "under review". */
    @WithDefault("168h")
    Duration reviewShownFor();

    /** How far a webhook's signature timestamp may lie from now before the event counts as stale (a replay). */
    @WithDefault("300s")
    Duration webhookTolerance();

    /** Texts a trial business may send before its texts are held until it picks a plan. */
    @WithDefault("50")
    int trialTexts();

    /**
     * Texts held by billing longer than this are cancelled when billing is settled instead of going out late (a
     * "sorry we missed your call" three days after the call helps nobody).
     */
    @WithDefault("72h")
    Duration heldTextMaxAge();

    /** The usage reporting job (sms_metrics -> usage_reports -> Stripe meter events). */
    Usage usage();

    interface Usage {

        /** How often each replica runs a round ({@code off} disables the schedule, as in tests). */
        @WithDefault("60s")
        String every();

        /** Ledger rows per claim. */
        @WithDefault("200")
        int batchSize();

        /** How long a claim lasts. */
        @WithDefault("120s")
        Duration lease();

        /** Attempts before a report is left for a person (status failed); the wait doubles after each. */
        @WithDefault("10")
        int maxAttempts();

        /** The wait after the first failed attempt. */
        @WithDefault("30s")
        Duration firstRetry();

        /** A text not reported to Stripe this long after it became billable makes the billing page say "delayed". */
        @WithDefault("15m")
        Duration delayedAfter();
    }

    /** The mode in effect: explicit, or stripe when a secret key is set, or local (dev and tests only). */
    default Mode effectiveMode() {
        return mode().orElse(secretKey().filter(k -> !k.isBlank()).isPresent() ? Mode.stripe : Mode.local);
    }

    default boolean local() {
        return effectiveMode() == Mode.local;
    }
}
