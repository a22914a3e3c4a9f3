package com.callaback.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.callaback.contacts.Contact;

/** A contact (a caller of the business) as the API shows it. */
@Schema(name = "Contact", description = "A person who called or texted the business, or was added by the team.")
public record ContactView(
        UUID id,
        @Schema(description = "E.164", example = "+13125550142") String phone,
        @Schema(example = "Dana Reyes") String name,
        @Schema(example = "dana@example.com") String email,
        String company,
        String notes,
        List<String> tags,
        @Schema(description = "How the contact first reached the business", example = "missed_call") String source,
        @Schema(description = "True when the contact opted out of texts (STOP) or the team marked them do-not-text")
        boolean smsOptOut,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "The time of the contact's latest call or text") Instant lastActivityAt) {

    static ContactView of(Contact c) {
        return new ContactView(c.id, c.phone, c.name, c.email, c.company, c.notes,
                c.tags == null ? List.of() : List.of(c.tags), c.source, c.smsOptOut, c.createdAt, c.updatedAt,
                c.lastActivityAt);
    }
}
