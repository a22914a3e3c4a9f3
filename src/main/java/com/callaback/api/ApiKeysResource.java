package com.callaback.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.ApiKey;
import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The API keys settings page: admins create a key (shown once), see prefixes and last use, and revoke keys. */
@Path("/settings/api-keys")
@Produces(MediaType.TEXT_HTML)
public class ApiKeysResource {

    private static final URI PAGE = URI.create("/settings/api-keys");

    @Inject
    CurrentUser currentUser;
    @Inject
    ApiKeyService keys;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<ApiKey> keys, ApiKeyService.Created created, FieldErrors errors,
                String name);
    }

    @GET
    public TemplateInstance index() {
        currentUser.requireRole(Role.ADMIN);
        return Templates.index(keys.list(), null, new FieldErrors(), null);
    }

    /** The new key is in this response only: it is rendered once and never stored in clear. */
    @POST
    public Response create(@RestForm String name, @RestForm String scope) {
        currentUser.requireRole(Role.ADMIN);
        try {
            ApiKeyService.Created created = keys.create(name, "write".equals(scope), currentUser.userId());
            return Response.status(201).header("Cache-Control", "no-store")
                    .entity(Templates.index(keys.list(), created, new FieldErrors(), null)).build();
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(Templates.index(keys.list(), null, errors, name)).build();
        }
    }

    @POST
    @Path("/{id}/revoke")
    public Response revoke(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.ADMIN);
        keys.revoke(id, currentUser.userId());
        return Response.seeOther(PAGE).build();
    }
}
