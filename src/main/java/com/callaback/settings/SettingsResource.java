package com.callaback.settings;

import java.net.URI;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The business's settings page (owners and admins): auto-reply, hours, quiet hours, phones, time zone. */
@Path("/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    SettingsService settings;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(SettingsForm form, TextPreview preview, FieldErrors errors,
                boolean saved, boolean owner);

        static native TemplateInstance preview(TextPreview preview);
    }

    @GET
    public Response index(@QueryParam("saved") boolean saved) {
        if (!currentUser.hasActive()) {
            return Response.seeOther(URI.create("/onboarding")).build();
        }
        currentUser.requireRole(Role.ADMIN);
        return Response.ok(page(settings.current(), new FieldErrors(), saved)).build();
    }

    @POST
    public Response save(@BeanParam SettingsForm form) {
        currentUser.requireRole(Role.ADMIN);
        try {
            settings.save(currentUser.userId(), form);
            return Response.seeOther(URI.create("/settings?saved=true")).build();
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(page(form, errors, false)).build();
        }
    }

    /** The live preview under the auto-reply box, re-rendered by htmx as the text changes. */
    @POST
    @Path("/preview")
    public TemplateInstance preview(@RestForm String autoReplyText) {
        currentUser.requireRole(Role.ADMIN);
        return Templates.preview(settings.preview(autoReplyText));
    }

    private TemplateInstance page(SettingsForm form, FieldErrors errors, boolean saved) {
        return Templates.index(form, settings.preview(form.autoReplyText), errors, saved,
                currentUser.role().atLeast(Role.OWNER));
    }
}
