package com.callaback.agency;

import java.util.List;
import java.util.UUID;

import com.callaback.dashboard.PeriodFigures;

/**
 * One client's line of the agency roll-up: its figures over the chosen period, its number and texting
 * registration, and what needs the agency's attention.
 */
public record ClientFigures(UUID id, String name, String slug, PeriodFigures figures, String number,
        String provisioning, String compliance, long heldTexts, List<String> problems) {

    /** The field its invite form's error is shown under. */
    public String inviteField() {
        return "invite-" + id;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** What stands in for the number while there is none: its setup's state. */
    public String numberState() {
        return switch (provisioning) {
            case "pending", "running" -> "Being set up";
            case "failed" -> "Setup failed";
            case "closing", "closed" -> "Closed";
            default -> "None";
        };
    }

    /** "Approved", "Pending", "Not needed"... for the A2P 10DLC / toll-free registration column. */
    public String complianceLabel() {
        return switch (compliance) {
            case "not_required" -> "Not needed";
            case "approved" -> "Approved";
            case "pending", "in_review", "submitted" -> "Pending";
            case "rejected", "failed" -> "Rejected";
            default -> compliance.replace('_', ' ');
        };
    }
}
