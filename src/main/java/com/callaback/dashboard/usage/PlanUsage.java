package com.callaback.dashboard.usage;

import java.time.Instant;

import com.callaback.billing.BillingPeriod;
import com.callaback.billing.Plan;

/**
 * What the business has used of its plan this billing period (segments and texts handed to Twilio, as billing
 * counts them) against what the plan includes; during a capped trial, the trial's texts left instead.
 */
public record PlanUsage(BillingPeriod period, Integer trialTextLimit, int trialTextsUsed, boolean paidByAgency) {

    public Plan plan() {
        return period.plan();
    }

    /** A trial with a cap on its texts: what counts is how many of them are left. */
    public boolean trial() {
        return trialTextLimit != null;
    }

    public int trialTextsLeft() {
        return trial() ? Math.max(0, trialTextLimit - trialTextsUsed) : 0;
    }

    /** Percent of the trial's texts used, capped at 100 for the meter bar. */
    public int trialPercentUsed() {
        return !trial() || trialTextLimit == 0 ? 100 : Math.min(100, trialTextsUsed * 100 / trialTextLimit);
    }

    public long segmentsUsed() {
        return period.segmentsUsed();
    }

    public long texts() {
        return period.texts();
    }

    public long included() {
        return period.included();
    }

    public int percentUsed() {
        return period.percentUsed();
    }

    public long overageSegments() {
        return period.overageSegments();
    }

    /** The period's last day is the day before this instant. */
    public Instant periodEnd() {
        return period.end();
    }
}
