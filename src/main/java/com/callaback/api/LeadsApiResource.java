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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;

/** {@code /api/leads}: the pipeline, and moving a lead along it. */
@Path("/api/leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Leads", description = "The lead pipeline: new, contacted, qualified, won, lost.")
public class LeadsApiResource {

    @Inject
    ApiLeads leads;
    @Inject
    CurrentUser currentUser;

    /** The body of a move. */
    public record Move(@Schema(enumeration = { "new", "contacted", "qualified", "won", "lost" }, example = "won")
    String status) {
    }

    @GET
    @Operation(summary = "List leads, newest first", description = "Filter by status and category; cursor paging.")
    public ApiPage<LeadView> list(
            @QueryParam("status") @Parameter(description = "new, contacted, qualified, won or lost") String status,
            @QueryParam("category") @Parameter(description = "LEAD, APPT or CALLBACK") String category,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @Parameter(description = "Rows per page, 1 to 200 (default 50)") Integer limit) {
        currentUser.requireRole(Role.MEMBER);
        return leads.list(status, category, Cursor.decode(cursor), Cursor.limit(limit));
    }

    @POST
    @Path("/{id}/move")
    @Operation(summary = "Move a lead to another stage", description = "Needs the write scope. Reopening a closed "
            + "lead is refused (409) while the contact has another open lead.")
    @APIResponse(responseCode = "404", description = "No lead with that id in this business")
    @APIResponse(responseCode = "409", description = "The contact already has an open lead")
    public LeadView move(@PathParam("id") UUID id, Move move) {
        currentUser.requireRole(Role.MEMBER);
        ApiLeads.requireBody(move, "a status");
        return leads.move(id, move.status(), currentUser.userId());
    }
}
