package com.callaback.contacts;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.InvalidInputException;

/** A person overrides how a call or text was classified (LEAD, APPT, CALLBACK); the contact's open lead follows. */
@Path("/api/interactions/{id}/category")
@Tag(name = "Interactions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InteractionCategoryResource {


    @Inject
    CurrentUser currentUser;

    /** The request and response body. */
    public record Category(
            @Schema(enumeration = { "LEAD", "APPT", "CALLBACK" },
                    example = "APPT") String category) {
    }

    @PUT
    @Transactional
    @Operation(summary = "File a call or text under another category",
            description = "Needs the write scope. LEAD, APPT or CALLBACK; the contact's open lead follows.")
    public Category override(@PathParam("id") UUID id, Category request) {
        currentUser.requireRole(Role.MEMBER);
        LeadCategory category = LeadCategory.parse(request == null ? null : request.category())
                .orElseThrow(() -> new InvalidInputException("category", "must be LEAD, APPT or CALLBACK"));
        Interaction interaction = Interaction.findById(id);
        if (interaction == null) {
            throw new NotFoundException("No interaction with that id");
        }
        interaction.fileUnder(category);
        return new Category(category.name());
    }
}
