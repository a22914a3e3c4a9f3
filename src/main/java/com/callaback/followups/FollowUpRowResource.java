package com.callaback.followups;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.InvalidInputException;

/** A person's action on one follow-up (retry, cancel, reschedule, done), then back to the follow-ups page. */
@Path("/follow-ups/{id}")
@Produces(MediaType.TEXT_HTML)
public class FollowUpRowResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    FollowUpActions actions;
    @Inject
    FollowUpLists lists;

    @POST
    @Path("/retry")
    public Response retry(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        actions.retry(id, currentUser.userId());
        return backToPage();
    }

    @POST
    @Path("/cancel")
    public Response cancel(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        actions.cancel(id, currentUser.userId());
        return backToPage();
    }

    @POST
    @Path("/reschedule")
    public Response reschedule(@PathParam("id") UUID id, @RestForm String at) {
        currentUser.requireRole(Role.MEMBER);
        try {
            actions.reschedule(id, at, currentUser.userId());
        } catch (InvalidInputException e) {
            Map<String, String> input = new HashMap<>();
            input.put("at", at);
            return FollowUpResource.failed(lists, new FollowUpForm("reschedule", id, input,
                    FollowUpResource.errors(e)));
        }
        return backToPage();
    }

    @POST
    @Path("/done")
    public Response done(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        actions.done(id, currentUser.userId());
        return backToPage();
    }

    private static Response backToPage() {
        return Response.seeOther(URI.create("/follow-ups")).build();
    }
}
