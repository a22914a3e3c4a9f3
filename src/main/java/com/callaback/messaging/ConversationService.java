package com.callaback.messaging;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.Lead;
import com.callaback.contacts.LeadCategory;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;
import com.callaback.web.Paging;

/** The team's inbox: threads newest first with unread marks, one thread's timeline, replies and categories. */
@ApplicationScoped
public class ConversationService {


    @Inject
    TenantContext tenantContext;
    @Inject
    TimelineService timelines;
    @Inject
    ManualTextService manualTexts;
    @Inject
    EntityManager em;

    /** One inbox line: the contact and its latest call or text. */
    public record Thread(Contact contact, Interaction last) {
    }

    /** One open thread: its timeline, the category it is filed under, and the business's zone. */
    public record Conversation(Timeline timeline, String category) {
        public Contact contact() {
            return timeline.contact();
        }

        /** The categories to choose from, in order. */
        public List<LeadCategory> categories() {
            return List.of(LeadCategory.values());
        }
    }

    /** A page of threads from the contacts' activity index, then their latest interactions by primary key. */
    @Transactional
    public Paging<Thread> threads(int page) {
        List<Contact> contacts = Contact.<Contact>find("lastActivityAt is not null order by lastActivityAt desc, id desc")
                .range(Paging.offset(page, Paging.DEFAULT_SIZE), Paging.offset(page, Paging.DEFAULT_SIZE)
                        + Paging.DEFAULT_SIZE).list();
        List<UUID> ids = contacts.stream().map(c -> c.lastInteractionId).filter(Objects::nonNull).toList();
        Map<UUID, Interaction> latest = ids.isEmpty() ? Map.of()
                : Interaction.<Interaction>list("id in ?1", ids).stream()
                        .collect(Collectors.toMap(i -> i.id, Function.identity()));
        return Paging.of(contacts.stream().map(c -> new Thread(c, latest.get(c.lastInteractionId))).toList(), page,
                Paging.DEFAULT_SIZE);
    }

    /** Opens a thread, which marks it read for the whole team. */
    @Transactional
    public Conversation open(UUID contactId) {
        Contact contact = find(contactId);
        markRead(contact);
        return conversation(contact);
    }

    /** Queues a person's reply through the outbox and marks the thread read. */
    @Transactional
    public void reply(UUID contactId, String body, UUID userId) {
        Contact contact = find(contactId);
        FieldErrors errors = new FieldErrors();
        ManualTextService.validate(body, "body", errors);
        errors.throwIfAny();
        manualTexts.queue(contact, body, userId);
        markRead(contact);
    }

    /** Files the thread under a category: its latest inbound call or text and its open lead follow. */
    @Transactional
    public void categorise(UUID contactId, String requested) {
        Contact contact = find(contactId);
        LeadCategory category = LeadCategory.parse(requested)
                .orElseThrow(() -> new InvalidInputException("category", "Choose LEAD, APPT or CALLBACK."));
        Optional<Interaction> latest = latestInbound(contact.id);
        Optional<Lead> lead = Lead.findOpenFor(contact.id);
        if (latest.isEmpty() && lead.isEmpty()) {
            throw new InvalidInputException("category", "There is no call or text from this contact to file yet.");
        }
        if (latest.isPresent()) {
            latest.get().fileUnder(category);
        } else {
            lead.get().category = category;
        }
    }

    /** The thread as it stands, for re-showing it with a form's errors (nothing is marked read). */
    @Transactional
    public Conversation view(UUID contactId) {
        return conversation(find(contactId));
    }

    private Conversation conversation(Contact contact) {
        Tenant tenant = Tenant.findById(tenantContext.require());
        String category = latestInbound(contact.id).map(i -> i.category).filter(Objects::nonNull)
                .orElseGet(() -> Lead.findOpenFor(contact.id).map(l -> String.valueOf(l.category)).orElse(null));
        return new Conversation(timelines.of(contact, tenant.timezone), category);
    }

    private static Optional<Interaction> latestInbound(UUID contactId) {
        return Interaction.<Interaction>find("contactId = ?1 and direction = ?2 order by occurredAt desc", contactId,
                Direction.INBOUND).firstResultOptional();
    }

    private void markRead(Contact contact) {
        // The summary columns are the database's (see Contact); RLS keeps this update in the tenant.
        em.createNativeQuery("update contacts set team_read_at = now() where id = ?1").setParameter(1, contact.id)
                .executeUpdate();
    }

    private static Contact find(UUID contactId) {
        Contact contact = contactId == null ? null : Contact.findById(contactId);
        if (contact == null) {
            throw new NotFoundException("No contact with that id");
        }
        return contact;
    }
}
