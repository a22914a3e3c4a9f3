package com.callaback.contacts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

import com.callaback.followups.FollowUp;
import com.callaback.identity.AuditEntry;
import com.callaback.messaging.Timeline;
import com.callaback.messaging.TimelineService;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.InvalidInputException;
import com.callaback.web.Paging;

/** The contacts pages: search, a contact with its timeline, editing details and opting a contact out. */
@ApplicationScoped
public class ContactPageService {

    public static final String OPT_IN_RULE = "Only the customer can opt back in to texts, by replying START to your "
            + "number. The law (TCPA) and carriers do not allow a business to undo a customer's STOP.";

    @Inject
    TenantContext tenantContext;
    @Inject
    TimelineService timelines;
    @Inject
    EntityManager em;

    /** A contact with everything that happened with them. */
    public record Details(Contact contact, Timeline timeline) {
    }

    /** One page of contacts matching the query (see {@link ContactQuery#sql} for the indexes it uses). */
    /** Up to {@code limit} contacts matching what a person typed, as the contacts search finds them. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Contact> matching(String typed, int limit) {
        ContactQuery query = ContactQuery.parse(typed);
        if (query.isEmpty()) {
            return List.of();
        }
        ContactQuery.Sql sql = query.sql(limit, 0);
        var select = em.createNativeQuery(sql.text(), Contact.class);
        for (int i = 0; i < sql.params().size(); i++) {
            select.setParameter(i + 1, sql.params().get(i));
        }
        return select.getResultList();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Paging<Contact> search(ContactQuery query, int page) {
        ContactQuery.Sql sql = query.sql(Paging.DEFAULT_SIZE + 1, Paging.offset(page, Paging.DEFAULT_SIZE));
        var select = em.createNativeQuery(sql.text(), Contact.class);
        for (int i = 0; i < sql.params().size(); i++) {
            select.setParameter(i + 1, sql.params().get(i));
        }
        return Paging.of((List<Contact>) select.getResultList(), page, Paging.DEFAULT_SIZE);
    }

    @Transactional
    public Details details(UUID id) {
        Contact contact = find(id);
        Tenant tenant = Tenant.findById(tenantContext.require());
        return new Details(contact, timelines.of(contact, tenant.timezone));
    }

    /** Saves the edited details; an invalid form changes nothing and says which field is wrong. */
    @Transactional
    public void update(UUID id, ContactForm form, UUID actor) {
        Contact contact = find(id);
        var errors = form.validate();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.list());
        }
        List<String> changed = form.applyTo(contact);
        if (!changed.isEmpty()) {
            AuditEntry.record(actor, "contact.updated", "contact", contact.id, Map.of("fields", changed));
        }
    }

    /**
     * The business marks a contact "do not text": waiting texts are cancelled. The team may lift its own mark later;
     * a customer's STOP it never can (carriers and the TCPA let only the customer's START opt them in again).
     */
    @Transactional
    public void optOut(UUID id, UUID actor) {
        Contact contact = find(id);
        if (!contact.smsOptOut) {
            contact.optOut(OptOutSource.TEAM);
            FollowUp.cancelWaitingFor(contact.id, com.callaback.followups.SkipReason.OPTED_OUT);
            AuditEntry.record(actor, "contact.opted_out", "contact", contact.id);
        }
    }

    /**
     * Lifts a "do not text" the team set itself. A customer's STOP is theirs alone to undo (by replying START): the
     * business is told so, and nothing changes.
     */
    @Transactional
    public void optIn(UUID id, UUID actor) {
        Contact contact = find(id);
        if (!contact.smsOptOut) {
            return;
        }
        if (!contact.optOutLiftableByTeam()) {
            throw new ClientErrorException(OPT_IN_RULE, 409);
        }
        contact.optIn();
        AuditEntry.record(actor, "contact.opted_in", "contact", contact.id);
    }

    private static Contact find(UUID id) {
        Contact contact = id == null ? null : Contact.findById(id);
        if (contact == null) {
            throw new NotFoundException("No contact with that id");
        }
        return contact;
    }
}
