package com.callaback.seed;

import java.util.List;

/** A demo caller with their calls and texts, lead and follow-ups; {@code key}s make ids stable across loads. */
public record SeedContact(String phone, String name, String email, List<Activity> interactions, LeadSpec lead,
        List<FollowUpSpec> followUps) {

    public SeedContact {
        interactions = interactions == null ? List.of() : interactions;
        followUps = followUps == null ? List.of() : followUps;
    }

    /** A call or text that happened {@code minutesAgo}. */
    public record Activity(String key, String type, String direction, String status, String body, String category,
            int minutesAgo) {
    }

    /** The contact's lead. */
    public record LeadSpec(String status, String category) {
    }

    /** A follow-up due {@code minutesFromNow} (negative: in the past). */
    public record FollowUpSpec(String key, String type, String status, String body, int minutesFromNow) {
    }
}
