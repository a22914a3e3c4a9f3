package com.callaback.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.callaback.followups.FollowUp;

/** A scheduled text or call-back task as the API shows it. */
@Schema(name = "FollowUp", description = "A text scheduled to a contact (automatic or written by a person), or a call-back task.")
public record FollowUpView(
        UUID id,
        UUID contactId,
        UUID leadId,
        @Schema(enumeration = { "auto_sms", "manual_sms", "follow_up_sms", "help_reply", "callback" },
                example = "manual_sms") String type,
        @Schema(enumeration = { "pending", "sending", "sent", "failed", "cancelled", "skipped", "held", "done" },
                example = "pending") String status,
        @Schema(example = "Hi Dana, just checking in about your booking.") String body,
        Instant scheduledAt,
        Instant sentAt,
        int attempts,
        @Schema(description = "Why the last attempt failed, if it did") String lastError,
        Instant createdAt) {

    static FollowUpView of(FollowUp f) {
        return new FollowUpView(f.id, f.contactId, f.leadId, f.type.name().toLowerCase(),
                f.status.name().toLowerCase(), f.body, f.scheduledAt, f.sentAt, f.attempts, f.lastError, f.createdAt);
    }
}
