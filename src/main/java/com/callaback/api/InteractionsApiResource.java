package com.callaback.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;

/** {@code GET /api/interactions}: the business's calls and texts, newest first. */
@Path("/api/interactions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Interactions", description = "Calls, texts and voicemails.")
public class InteractionsApiResource {

    @Inject
    ApiInteractions interactions;
    @Inject
    CurrentUser currentUser;

    @GET
    @Operation(summary = "List calls and texts, newest first",
            description = "Filter by time (from inclusive, to exclusive; a date is a whole day in the business's time "
                    + "zone), type and category. Cursor paging as for contacts.")
    public ApiPage<InteractionView> list(
            @QueryParam("from") @Parameter(description = "A date or an ISO instant", example = "2026-11-01") String from,
            @QueryParam("to") @Parameter(description = "A date (the whole day included) or an ISO instant",
                    example = "2026-11-30") String to,
            @QueryParam("type") @Parameter(description = "call, sms, voicemail or note", example = "call") String type,
            @QueryParam("category") @Parameter(description = "LEAD, APPT or CALLBACK", example = "APPT") String category,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @Parameter(description = "Rows per page, 1 to 200 (default 50)") Integer limit) {
        currentUser.requireRole(Role.MEMBER);
        return interactions.list(new ApiInteractions.Filter(from, to, type, category), Cursor.decode(cursor),
                Cursor.limit(limit));
    }
}
