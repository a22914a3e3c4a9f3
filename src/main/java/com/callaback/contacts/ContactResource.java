package com.callaback.contacts;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;
import com.callaback.web.Paging;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The contacts pages: search by name or number, a contact's details and timeline, edit, mark "do not text". */
@Path("/contacts")
@Produces(MediaType.TEXT_HTML)
public class ContactResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    ContactPageService contacts;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(ContactQuery query, Paging<Contact> contacts, String pagerBase);

        static native TemplateInstance show(ContactPageService.Details details, ContactForm form, FieldErrors errors,
                String saved);
    }

    @GET
    public TemplateInstance index(@QueryParam("q") String q, @QueryParam("page") Integer page) {
        currentUser.requireRole(Role.MEMBER);
        ContactQuery query = ContactQuery.parse(q);
        String base = query.text().isEmpty() ? "/contacts?"
                : "/contacts?q=" + java.net.URLEncoder.encode(query.text(), java.nio.charset.StandardCharsets.UTF_8) + "&";
        return Templates.index(query, contacts.search(query, Paging.pageNumber(page)), base);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance show(@PathParam("id") UUID id, @QueryParam("saved") String saved) {
        currentUser.requireRole(Role.MEMBER);
        ContactPageService.Details details = contacts.details(id);
        return Templates.show(details, ContactForm.of(details.contact()), new FieldErrors(), Saved.message(saved));
    }

    @POST
    @Path("/{id}")
    public Response update(@PathParam("id") UUID id, @RestForm String name, @RestForm String email,
            @RestForm String company, @RestForm String notes, @RestForm String tags) {
        currentUser.requireRole(Role.MEMBER);
        ContactForm form = new ContactForm(name, email, company, notes, tags);
        try {
            contacts.update(id, form, currentUser.userId());
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400)
                    .entity(Templates.show(contacts.details(id), form, errors, null)).build();
        }
        return Response.seeOther(URI.create("/contacts/" + id + "?saved=details")).build();
    }

    @POST
    @Path("/{id}/opt-out")
    public Response optOut(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        contacts.optOut(id, currentUser.userId());
        return Response.seeOther(URI.create("/contacts/" + id + "?saved=opted-out")).build();
    }

    /** Lifts the team's own "do not text"; a customer's STOP answers 409 with the rule. */
    @POST
    @Path("/{id}/opt-in")
    public Response optIn(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        contacts.optIn(id, currentUser.userId());
        return Response.seeOther(URI.create("/contacts/" + id + "?saved=opted-in")).build();
    }

    /** The confirmation a redirect asks for; only these fixed words are ever shown, whatever the link says. */
    enum Saved {
        DETAILS("details", "Saved."), OPTED_OUT("opted-out", "Marked \"do not text\"; waiting texts were cancelled."),
        OPTED_IN("opted-in", "Texts to this contact are allowed again.");

        private final String key;
        private final String text;

        Saved(String key, String text) {
            this.key = key;
            this.text = text;
        }

        static String message(String key) {
            for (Saved saved : values()) {
                if (saved.key.equals(key)) {
                    return saved.text;
                }
            }
            return null;
        }
    }
}
