package com.callaback.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.callaback.contacts.Contact;
import com.callaback.followups.FollowUp;
import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;

/** {@code POST /api/send-followup}: a person's text to a contact, queued through the same outbox and guards. */
@Path("/api/send-followup")
@Tag(name = "Follow-ups")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SendFollowUpResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    ManualTextService manualTexts;

    /** The request body. */
    public record SendFollowUp(
            @Schema(example = "3fa85f64-5717-4562-b3fc-2c963f66afa6")
            String contactId,
            @Schema(example = "Thanks, see you at 4!") String body) {
    }

    /** What was queued. */
    public record Queued(UUID id, String status, Instant scheduledAt) {
    }

    @POST
    @Transactional
    @Operation(summary = "Text a contact now",
            description = "Needs the write scope. Queued through the same outbox and guards as every text (202); "
                    + "409 if the contact opted out.")
    public Response send(SendFollowUp request) {
        currentUser.requireRole(Role.MEMBER);
        FieldErrors errors = new FieldErrors();
        UUID contactId = null;
        if (request == null) {
            errors.add("body", "Send a JSON object with contactId and body.");
        } else {
            contactId = parseUuid(request.contactId(), errors);
            ManualTextService.validate(request.body(), "body", errors);
        }
        errors.throwIfAny();
        Contact contact = Contact.findById(contactId);
        if (contact == null) {
            throw new NotFoundException("No contact with that id");
        }
        FollowUp followUp = manualTexts.queue(contact, request.body(), currentUser.userId());
        return Response.accepted(new Queued(followUp.id, followUp.status.dbValue(), followUp.scheduledAt)).build();
    }

    private static UUID parseUuid(String value, FieldErrors errors) {
        try {
            return UUID.fromString(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            errors.add("contactId", "Give the id of one of your contacts.");
            return null;
        }
    }
}
