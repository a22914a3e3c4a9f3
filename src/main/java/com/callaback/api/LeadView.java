package com.callaback.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.callaback.contacts.Lead;

/** A lead as the API shows it. */
@Schema(name = "Lead", description = "A potential customer in the pipeline, usually from a missed call.")
public record LeadView(
        UUID id,
        UUID contactId,
        @Schema(enumeration = { "new", "contacted", "qualified", "won", "lost" }, example = "new") String status,
        @Schema(enumeration = { "LEAD", "APPT", "CALLBACK" }, example = "APPT") String category,
        @Schema(example = "normal") String priority,
        @Schema(description = "Estimated value in cents", example = "25000") Long valueCents,
        String notes,
        @Schema(example = "missed_call") String source,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt) {

    static LeadView of(Lead l) {
        return new LeadView(l.id, l.contactId, l.status.dbValue(), l.category.name(),
                l.priority.name().toLowerCase(), l.valueCents, l.notes, l.source, l.createdAt, l.updatedAt,
                l.closedAt);
    }
}
