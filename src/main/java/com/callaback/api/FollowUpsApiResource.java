package com.callaback.api;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;

/** {@code /api/follow-ups}: scheduled texts and call-backs; a text scheduled for later; a waiting one cancelled. */
@Path("/api/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Follow-ups", description = "Texts scheduled to contacts and call-back tasks.")
public class FollowUpsApiResource {

    @Inject
    ApiFollowUps followUps;
    @Inject
    CurrentUser currentUser;

    @GET
    @Operation(summary = "List follow-ups, newest first", description = "Filter by status; cursor paging.")
    public ApiPage<FollowUpView> list(
            @QueryParam("status") @Parameter(description = "pending, sending, sent, failed, cancelled, skipped, held or done")
            String status,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @Parameter(description = "Rows per page, 1 to 200 (default 50)") Integer limit) {
        currentUser.requireRole(Role.MEMBER);
        return followUps.list(status, Cursor.decode(cursor), Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a follow-up")
    @APIResponse(responseCode = "404", description = "No follow-up with that id in this business")
    public FollowUpView get(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        return followUps.get(id);
    }

    @POST
    @Operation(summary = "Schedule a text", description = "Needs the write scope. The text goes out at the given "
            + "time (within the next year) through the same guards as every text: opt-out, quiet hours, plan.")
    @APIResponse(responseCode = "201", description = "Scheduled")
    public Response schedule(ApiFollowUps.ScheduledText text) {
        currentUser.requireRole(Role.MEMBER);
        FollowUpView created = followUps.schedule(text, currentUser.userId());
        return Response.status(201).header("Location", "/api/follow-ups/" + created.id()).entity(created).build();
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a waiting follow-up", description = "Needs the write scope. Only a follow-up that is "
            + "due or on hold can be cancelled (409 otherwise).")
    @APIResponse(responseCode = "409", description = "It was sent, failed or cancelled already")
    public FollowUpView cancel(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        return followUps.cancel(id, currentUser.userId());
    }
}
