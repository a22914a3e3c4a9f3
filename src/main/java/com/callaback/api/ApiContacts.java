package com.callaback.api;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.callaback.contacts.Contact;
import com.callaback.contacts.ContactForm;
import com.callaback.contacts.ContactPageService;
import com.callaback.identity.AuditEntry;
import com.callaback.telephony.PhoneNumberFormat;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

/** Contacts for the API: listed by cursor, searched, created and changed with the same rules as the pages. */
@ApplicationScoped
public class ApiContacts {

    @Inject
    ContactPageService contactPages;

    /** Fields a client sends to create or change a contact; on a change, an absent field stays as it is. */
    @Schema(name = "ContactInput")
    public record ContactInput(
            @Schema(description = "Any common format; stored as E.164. Required to create; cannot change.",
                    example = "+13125550142") String phone,
            @Schema(maxLength = 120, example = "Dana Reyes") String name,
            @Schema(example = "dana@example.com") String email,
            @Schema(maxLength = 200, example = "Reyes Plumbing") String company,
            @Schema(maxLength = 5000, example = "Prefers texts after 5 pm") String notes,
            @Schema(description = "At most 20, each under 40 characters, no commas", example = "[\"vip\"]")
            List<String> tags) {
    }

    @Transactional
    public ApiPage<ContactView> list(Cursor after, int limit) {
        List<Contact> rows = after == null
                ? Contact.<Contact>find("order by createdAt desc, id desc").range(0, limit).list()
                : Contact.<Contact>find("createdAt < ?1 or (createdAt = ?1 and id < ?2) order by createdAt desc, id desc",
                        after.at(), after.id()).range(0, limit).list();
        return ApiPage.of(rows, limit, c -> c.createdAt, c -> c.id, ContactView::of);
    }

    /** The best matches for a name prefix or part of a phone number, as the contacts page finds them. */
    @Transactional
    public List<ContactView> search(String query, int limit) {
        if (query == null || query.isBlank()) {
            throw new InvalidInputException("q", "Give the beginning of a name or part of a phone number.");
        }
        return contactPages.matching(query, limit).stream().map(ContactView::of).toList();
    }

    @Transactional
    public ContactView get(UUID id) {
        return ContactView.of(require(id));
    }

    @Transactional
    public ContactView create(ContactInput input, UUID actor) {
        FieldErrors errors = new FieldErrors();
        if (input == null) {
            throw new InvalidInputException("body", "Send a JSON object with at least a phone.");
        }
        String phone = PhoneNumberFormat.toE164(input.phone() == null ? "" : input.phone()).orElse(null);
        if (phone == null) {
            errors.add("phone", "Give a valid phone number, preferably in E.164 form such as +13125550142.");
        }
        ContactForm form = form(input, null, errors);
        errors.throwIfAny();
        Contact.findByPhone(phone).ifPresent(existing -> {
            throw new ClientErrorException("A contact with this phone already exists: " + existing.id, 409);
        });
        Contact contact = new Contact();
        contact.phone = phone;
        contact.source = "api";
        form.applyTo(contact);
        contact.persist();
        AuditEntry.record(actor, "contact.created", "contact", contact.id);
        return ContactView.of(contact);
    }

    @Transactional
    public ContactView update(UUID id, ContactInput input, UUID actor) {
        if (input == null) {
            throw new InvalidInputException("body", "Send a JSON object with the fields to change.");
        }
        Contact contact = require(id);
        if (input.phone() != null && !input.phone().equals(contact.phone)) {
            throw new InvalidInputException("phone", "A contact's phone cannot change; create another contact.");
        }
        FieldErrors errors = new FieldErrors();
        ContactForm form = form(input, contact, errors);
        errors.throwIfAny();
        contactPages.update(id, form, actor);
        Contact.flush();
        return ContactView.of(contact);
    }

    /** The page's form, from the given fields over the current ones, checked by the page's own rules. */
    private static ContactForm form(ContactInput input, Contact current, FieldErrors errors) {
        ContactForm base = current == null ? new ContactForm(null, null, null, null, null) : ContactForm.of(current);
        if (input.tags() != null && input.tags().stream().anyMatch(t -> t == null || t.contains(","))) {
            errors.add("tags", "Tags are strings without commas.");
        }
        ContactForm form = new ContactForm(
                input.name() != null ? input.name() : base.name(),
                input.email() != null ? input.email() : base.email(),
                input.company() != null ? input.company() : base.company(),
                input.notes() != null ? input.notes() : base.notes(),
                input.tags() != null && errors.of("tags") == null ? String.join(",", input.tags()) : base.tags());
        form.validate().list().forEach(e -> errors.add(e.field(), e.message()));
        return form;
    }

    private static Contact require(UUID id) {
        Contact contact = Contact.findById(id);
        if (contact == null) {
            throw new NotFoundException("No contact with that id");
        }
        return contact;
    }
}
