package com.callaback.followups;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;
import com.callaback.web.Paging;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The follow-ups page: texts due, held and failed, call-backs to make, and forms to plan new ones. */
@Path("/follow-ups")
@Produces(MediaType.TEXT_HTML)
public class FollowUpResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    FollowUpLists lists;
    @Inject
    FollowUpPlanner planner;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(FollowUpLists.Board board, FollowUpForm form);
    }

    @GET
    public Response index(@RestQuery String section, @RestQuery Integer page) {
        if (!currentUser.hasActive()) {
            return Response.seeOther(URI.create("/onboarding")).build();
        }
        currentUser.requireRole(Role.MEMBER);
        return Response.ok(Templates.index(lists.board(section(section), Paging.pageNumber(page)),
                FollowUpForm.none())).build();
    }

    @POST
    @Path("/texts")
    public Response scheduleText(@RestForm String contact, @RestForm String body, @RestForm String at) {
        currentUser.requireRole(Role.MEMBER);
        FollowUpPlanner.Plan plan = new FollowUpPlanner.Plan(contact, body, at, null);
        return planned("text", plan, () -> planner.scheduleText(plan, currentUser.userId()));
    }

    @POST
    @Path("/callbacks")
    public Response scheduleCallback(@RestForm String contact, @RestForm String assignee, @RestForm String at,
            @RestForm String body) {
        currentUser.requireRole(Role.MEMBER);
        FollowUpPlanner.Plan plan = new FollowUpPlanner.Plan(contact, body, at, assignee);
        return planned("callback", plan, () -> planner.scheduleCallback(plan, currentUser.userId()));
    }

    private Response planned(String form, FollowUpPlanner.Plan plan, Supplier<UUID> create) {
        try {
            create.get();
        } catch (InvalidInputException e) {
            Map<String, String> input = new HashMap<>();
            input.put("contact", plan.contact());
            input.put("body", plan.body());
            input.put("at", plan.at());
            input.put("assignee", plan.assignee());
            return failed(lists, new FollowUpForm(form, null, input, errors(e)));
        }
        return Response.seeOther(URI.create("/follow-ups")).build();
    }

    /** The whole page again, status 400, with the failed form's input and messages. */
    static Response failed(FollowUpLists lists, FollowUpForm form) {
        return Response.status(400).entity(Templates.index(lists.board(null, 1), form)).build();
    }

    static FieldErrors errors(InvalidInputException e) {
        FieldErrors errors = new FieldErrors();
        e.errors().forEach(f -> errors.add(f.field(), f.message()));
        return errors;
    }

    private static FollowUpLists.Section section(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return FollowUpLists.Section.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("section", "Choose tasks, due, held, failed or recent.");
        }
    }
}
