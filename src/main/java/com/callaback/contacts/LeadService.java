package com.callaback.contacts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import com.callaback.identity.AuditEntry;
import com.callaback.web.FieldErrors;
import com.callaback.web.Paging;

/** The leads pipeline: columns by status, moving a lead (one open lead per contact), and editing its details. */
@ApplicationScoped
public class LeadService {

    /** Cards a column shows on the whole board before its "more" link. */
    static final int COLUMN_SIZE = 20;
    static final int NOTES_MAX = 2000;

    /** A lead with the contact it belongs to. */
    public record Card(Lead lead, Contact contact) {
    }

    /** One status of the pipeline and a page of its cards, newest first. */
    public record Column(LeadStatus status, Paging<Card> cards) {

        /** The link to this column alone, for paging: {@code filter} is "" or "category=APPT&". */
        public String pageBase(String filter) {
            return "/leads?" + filter + "status=" + status.dbValue() + "&";
        }
    }

    /** The whole board (every status, each cut at {@link #COLUMN_SIZE}) or, with {@code only}, a page of one. */
    @Transactional
    public List<Column> board(LeadCategory category, LeadStatus only, int page) {
        List<Column> columns = new ArrayList<>();
        for (LeadStatus status : only == null ? List.of(LeadStatus.values()) : List.of(only)) {
            int size = only == null ? COLUMN_SIZE : Paging.DEFAULT_SIZE;
            int first = only == null ? 0 : Paging.offset(page, size);
            // leads_status_idx (tenant_id, status, created_at desc) serves both, the category is a filter on it.
            List<Lead> leads = category == null
                    ? Lead.<Lead>find("status = ?1 order by createdAt desc", status).range(first, first + size).list()
                    : Lead.<Lead>find("status = ?1 and category = ?2 order by createdAt desc", status, category)
                            .range(first, first + size).list();
            columns.add(new Column(status, Paging.of(cards(leads), only == null ? 1 : page, size)));
        }
        return columns;
    }

    @Transactional
    public Card card(UUID id) {
        Lead lead = require(id);
        return new Card(lead, Contact.findById(lead.contactId));
    }

    /** Closing stamps {@code closedAt}; reopening clears it, unless the contact already has another open lead. */
    @Transactional
    public void move(UUID id, LeadStatus to, UUID actor) {
        Lead lead = require(id);
        LeadStatus from = lead.status;
        if (from == to) {
            return;
        }
        if (to.open() && !from.open() && Lead.findOpenFor(lead.contactId).isPresent()) {
            throw alreadyOpen(lead);
        }
        lead.status = to;
        if (!to.open() && to != from) {
            // Won after lost (or the other way) is a new closing: the board and timeline date it now.
            lead.closedAt = Instant.now();
        } else if (to.open()) {
            lead.closedAt = null;
        }
        try {
            Lead.flush();
        } catch (PersistenceException e) {
            // Another request reopened or created a lead for this contact since our check.
            throw alreadyOpen(lead);
        }
        AuditEntry.record(actor, "lead.moved", "lead", lead.id, Map.of("from", from.dbValue(),
                "to", to.dbValue()));
    }

    /** Saves value, priority and notes; throws with every field's problem and saves nothing if one is wrong. */
    @Transactional
    public void edit(UUID id, LeadForm form, UUID actor) {
        Lead lead = require(id);
        FieldErrors errors = new FieldErrors();
        Long cents = form.cents(errors);
        LeadPriority priority = form.priority(errors);
        if (form.notes() != null && form.notes().length() > NOTES_MAX) {
            errors.add("notes", "Use at most " + NOTES_MAX + " characters.");
        }
        errors.throwIfAny();
        lead.valueCents = cents;
        lead.priority = priority;
        lead.notes = form.notes() == null || form.notes().isBlank() ? null : form.notes().strip();
        AuditEntry.record(actor, "lead.edited", "lead", lead.id);
    }

    static String dollars(Long cents) {
        if (cents == null) {
            return "";
        }
        BigDecimal amount = BigDecimal.valueOf(cents, 2);
        return cents % 100 == 0 ? String.format("$%,d", cents / 100) : String.format("$%,.2f", amount);
    }

    private static ClientErrorException alreadyOpen(Lead lead) {
        return new ClientErrorException("This contact already has an open lead. Close that one (won or lost) "
                + "before reopening this one.", Response.Status.CONFLICT);
    }

    private static Lead require(UUID id) {
        Lead lead = Lead.findById(id);
        if (lead == null) {
            throw new NotFoundException("No lead with that id");
        }
        return lead;
    }

    private static List<Card> cards(List<Lead> leads) {
        if (leads.isEmpty()) {
            return List.of();
        }
        Map<UUID, Contact> contacts = Contact.<Contact>list("id in ?1", leads.stream().map(l -> l.contactId).toList())
                .stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        return leads.stream().map(l -> new Card(l, contacts.get(l.contactId))).toList();
    }
}
