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

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The webhooks settings page: admins register an HTTPS endpoint (its secret shown once), see deliveries, remove it. */
@Path("/settings/webhooks")
@Produces(MediaType.TEXT_HTML)
public class WebhooksResource {

    private static final URI PAGE = URI.create("/settings/webhooks");

    @Inject
    CurrentUser currentUser;
    @Inject
    WebhookService webhooks;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<WebhookEndpoint> endpoints, List<WebhookDelivery> deliveries,
                WebhookService.Registered registered, FieldErrors errors, String url);
    }

    @GET
    public TemplateInstance index() {
        currentUser.requireRole(Role.ADMIN);
        return page(null, new FieldErrors(), null);
    }

    @POST
    public Response register(@RestForm String url) {
        currentUser.requireRole(Role.ADMIN);
        try {
            WebhookService.Registered registered = webhooks.register(url, currentUser.userId());
            return Response.status(201).header("Cache-Control", "no-store")
                    .entity(page(registered, new FieldErrors(), null)).build();
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(page(null, errors, url)).build();
        }
    }

    @POST
    @Path("/{id}/remove")
    public Response remove(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.ADMIN);
        webhooks.remove(id, currentUser.userId());
        return Response.seeOther(PAGE).build();
    }

    private TemplateInstance page(WebhookService.Registered registered, FieldErrors errors, String url) {
        return Templates.index(webhooks.endpoints(), webhooks.recentDeliveries(), registered, errors, url);
    }
}
