package com.callaback.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.callaback.contacts.Contact;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpActions;
import com.callaback.followups.FollowUpPlanner;
import com.callaback.followups.FollowUpStatus;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

/** Follow-ups for the API: listed newest first, a text scheduled for later, a waiting one cancelled. */
@ApplicationScoped
public class ApiFollowUps {

    @Inject
    FollowUpPlanner planner;
    @Inject
    FollowUpActions actions;

    /** A text to send later: {@code at} is an ISO instant with offset, or a local date-time of the business. */
    @Schema(name = "ScheduledText")
    public record ScheduledText(
            @Schema(description = "The id of one of the business's contacts", example = "3fa85f64-5717-4562-b3fc-2c963f66afa6")
            String contactId,
            @Schema(maxLength = 1600, example = "Hi Dana, your appointment is tomorrow at 10. Reply C to confirm.")
            String body,
            @Schema(description = "When to send: an ISO instant with offset, or a local date-time of the business, "
                    + "ahead and within a year", example = "2026-11-26T15:00:00Z") String at) {
    }

    @Transactional
    public ApiPage<FollowUpView> list(String status, Cursor after, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (status != null) {
            try {
                params.add(FollowUpStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
                where.add("status = ?" + params.size());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("status",
                        "Use pending, sending, sent, failed, cancelled, skipped, held or done.");
            }
        }
        if (after != null) {
            params.add(after.at());
            params.add(after.id());
            where.add("(createdAt < ?" + (params.size() - 1) + " or (createdAt = ?" + (params.size() - 1)
                    + " and id < ?" + params.size() + "))");
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by createdAt desc, id desc";
        List<FollowUp> rows = FollowUp.<FollowUp>find(query, params.toArray()).range(0, limit).list();
        return ApiPage.of(rows, limit, f -> f.createdAt, f -> f.id, FollowUpView::of);
    }

    @Transactional
    public FollowUpView get(UUID id) {
        FollowUp followUp = FollowUp.findById(id);
        if (followUp == null) {
            throw new NotFoundException("No follow-up with that id");
        }
        return FollowUpView.of(followUp);
    }

    /** Same rules as the follow-ups page: the contact may be texted, the text is 1 to 1,600 characters, the time ahead. */
    @Transactional
    public FollowUpView schedule(ScheduledText request, UUID actor) {
        ApiLeads.requireBody(request, "contactId, body and at");
        FieldErrors errors = new FieldErrors();
        Contact contact = null;
        try {
            contact = Contact.findById(UUID.fromString(request.contactId() == null ? "" : request.contactId().strip()));
        } catch (IllegalArgumentException e) {
            errors.add("contactId", "Give the id of one of your contacts.");
        }
        if (contact == null && errors.isEmpty()) {
            throw new NotFoundException("No contact with that id");
        }
        String local = localTime(request.at(), errors);
        errors.throwIfAny();
        UUID id = planner.scheduleText(new FollowUpPlanner.Plan(contact.phone, request.body(), local, null), actor);
        return get(id);
    }

    @Transactional
    public FollowUpView cancel(UUID id, UUID actor) {
        actions.cancel(id, actor);
        // The cancel is a guarded bulk update: read the row again rather than the session's copy.
        FollowUp cancelled = FollowUp.findById(id);
        FollowUp.getEntityManager().refresh(cancelled);
        return FollowUpView.of(cancelled);
    }

    /** The page's form takes a local date-time of the business; an instant with an offset is converted to it. */
    private String localTime(String at, FieldErrors errors) {
        if (at == null || at.isBlank()) {
            errors.add("at", "Give when to send it, such as 2026-11-26T15:00:00Z.");
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(at.strip()).toInstant();
            return instant.atZone(planner.zone()).toLocalDateTime().toString();
        } catch (DateTimeException e) {
            return at.strip();
        }
    }
}
