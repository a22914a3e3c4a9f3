package com.callaback.contacts;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import com.callaback.dashboard.live.LiveStart;
import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;
import com.callaback.web.Paging;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The leads pipeline page: columns by status, a category filter, moving a lead (htmx swaps the board; without
 * JavaScript a plain POST and a 303 back) and a lead's edit page for value, priority and notes.
 */
@Path("/leads")
@Produces(MediaType.TEXT_HTML)
public class LeadResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    LeadService leads;
    @Inject
    LiveStart liveStart;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<LeadService.Column> columns, LeadCategory category,
                LeadStatus only, String filter, List<LeadStatus> statuses, List<LeadCategory> categories,
                String error);

        static native TemplateInstance edit(LeadService.Card card, LeadForm form, List<LeadPriority> priorities,
                FieldErrors errors);
    }

    @GET
    public Response index(@RestQuery String category, @RestQuery String status, @RestQuery Integer page) {
        if (!currentUser.hasActive()) {
            return Response.seeOther(URI.create("/onboarding")).build();
        }
        currentUser.requireRole(Role.MEMBER);
        // The board redraws on lead events (data-live): the stream starts before the board is read.
        liveStart.mark();
        return Response.ok(board(category(category), status == null || status.isBlank() ? null : status(status),
                Paging.pageNumber(page), null)).build();
    }

    @POST
    @Path("/{id}/status")
    public Response move(@PathParam("id") UUID id, @RestForm String status, @RestForm String category) {
        currentUser.requireRole(Role.MEMBER);
        LeadCategory filter = category(category);
        try {
            leads.move(id, status(status), currentUser.userId());
        } catch (ClientErrorException e) {
            if (e.getResponse().getStatus() != 409) {
                throw e;
            }
            return Response.status(409).entity(board(filter, null, 1, e.getMessage())).build();
        }
        return Response.seeOther(URI.create(filter == null ? "/leads" : "/leads?category=" + filter.name())).build();
    }

    @GET
    @Path("/{id}")
    public TemplateInstance edit(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        LeadService.Card card = leads.card(id);
        return Templates.edit(card, LeadForm.of(card.lead()), List.of(LeadPriority.values()), new FieldErrors());
    }

    @POST
    @Path("/{id}")
    public Response save(@PathParam("id") UUID id, @RestForm String value, @RestForm String priority,
            @RestForm String notes) {
        currentUser.requireRole(Role.MEMBER);
        LeadForm form = new LeadForm(value, priority, notes);
        try {
            leads.edit(id, form, currentUser.userId());
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400)
                    .entity(Templates.edit(leads.card(id), form, List.of(LeadPriority.values()), errors)).build();
        }
        return Response.seeOther(URI.create("/leads")).build();
    }

    private TemplateInstance board(LeadCategory category, LeadStatus only, int page, String error) {
        return Templates.index(leads.board(category, only, page), category, only,
                category == null ? "" : "category=" + category.name() + "&", List.of(LeadStatus.values()),
                List.of(LeadCategory.values()), error);
    }

    private static LeadCategory category(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LeadCategory.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("category", "Choose LEAD, APPT or CALLBACK.");
        }
    }

    private static LeadStatus status(String value) {
        try {
            return LeadStatus.fromDb(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "Choose new, contacted, qualified, won or lost.");
        }
    }
}
