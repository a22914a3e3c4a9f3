package com.callaback.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.callaback.contacts.Interaction;

/** A call or text as the API shows it. */
@Schema(name = "Interaction", description = "A call, text, voicemail or note with a contact.")
public record InteractionView(
        UUID id,
        UUID contactId,
        @Schema(enumeration = { "call", "sms", "voicemail", "note" }, example = "call") String type,
        @Schema(enumeration = { "inbound", "outbound" }, example = "inbound") String direction,
        @Schema(description = "missed, answered, voicemail, received, sent, delivered, failed ...", example = "missed")
        String status,
        @Schema(description = "True for a call nobody answered") boolean missed,
        @Schema(description = "The text of an SMS", example = "Can I book for Friday?") String body,
        @Schema(description = "LEAD, APPT or CALLBACK, as classified (or as a person filed it)", example = "LEAD")
        String category,
        Integer durationSeconds,
        Instant occurredAt) {

    static InteractionView of(Interaction i) {
        return new InteractionView(i.id, i.contactId, i.type.dbValue(), i.direction.name().toLowerCase(),
                i.status.name().toLowerCase(), i.isMissed(), i.body, i.category, i.durationSeconds, i.occurredAt);
    }
}
