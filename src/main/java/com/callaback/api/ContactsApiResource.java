package com.callaback.api;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** {@code /api/contacts}: the business's contacts, and {@code /api/users}, the original design's name for them. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "The people who called or texted the business (the original design calls them users).")
public class ContactsApiResource {

    @Inject
    ApiContacts contacts;
    @Inject
    CurrentUser currentUser;

    @GET
    @Path("/contacts")
    @Operation(summary = "List contacts, newest first",
            description = "Cursor paging: pass the nextCursor of a page to get the next one. Rows added meanwhile "
                    + "appear at the top, so a walk through the pages neither repeats nor skips a row.")
    public ApiPage<ContactView> list(@QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @Parameter(description = "Rows per page, 1 to 200 (default 50)") Integer limit) {
        currentUser.requireRole(Role.MEMBER);
        return contacts.list(Cursor.decode(cursor), Cursor.limit(limit));
    }

    @GET
    @Path("/contacts/search")
    @Operation(summary = "Search contacts", description = "The best matches (at most limit) for the beginning of a "
            + "name or part of a phone number in any format (\"(312) 555-01\", \"0142\").")
    public List<ContactView> search(@QueryParam("q") @Parameter(example = "Dana") String q,
            @QueryParam("limit") Integer limit) {
        currentUser.requireRole(Role.MEMBER);
        return contacts.search(q, Cursor.limit(limit));
    }

    @GET
    @Path("/contacts/{id}")
    @Operation(summary = "Get a contact")
    @APIResponse(responseCode = "404", description = "No contact with that id in this business")
    public ContactView get(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        return contacts.get(id);
    }

    @POST
    @Path("/contacts")
    @Operation(summary = "Create a contact", description = "Needs the write scope. The phone is required and unique "
            + "in the business (409 if a contact has it already).")
    @APIResponse(responseCode = "201", description = "Created")
    public Response create(ApiContacts.ContactInput input) {
        currentUser.requireRole(Role.MEMBER);
        ContactView created = contacts.create(input, currentUser.userId());
        return Response.status(201).header("Location", "/api/contacts/" + created.id()).entity(created).build();
    }

    @PATCH
    @Path("/contacts/{id}")
    @Operation(summary = "Change a contact", description = "Needs the write scope. Fields left out stay as they are; "
            + "the phone cannot change.")
    public ContactView update(@PathParam("id") UUID id, ApiContacts.ContactInput input) {
        currentUser.requireRole(Role.MEMBER);
        return contacts.update(id, input, currentUser.userId());
    }

    @GET
    @Path("/users")
    @Operation(summary = "List callers (the original design's name for contacts)", description = "Same as GET /api/contacts.")
    public ApiPage<ContactView> users(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return list(cursor, limit);
    }

    @GET
    @Path("/user/{id}")
    @Operation(summary = "Get a caller (the original design's name for a contact)", description = "Same as GET /api/contacts/{id}.")
    public ContactView user(@PathParam("id") UUID id) {
        return get(id);
    }
}
