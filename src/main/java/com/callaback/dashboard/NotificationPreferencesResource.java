package com.callaback.dashboard;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.CurrentUser;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Where each person, members too, chooses for themselves which alerts reach them by email or text. */
@Path("/notifications/preferences")
@Produces(MediaType.TEXT_HTML)
public class NotificationPreferencesResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    NotificationPreferencesService preferences;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(NotificationPreferencesService.View view, boolean saved);
    }

    @GET
    public Response edit(@QueryParam("saved") boolean saved) {
        if (!currentUser.hasActive()) {
            return Response.seeOther(URI.create("/onboarding")).build();
        }
        return Response.ok(Templates.edit(preferences.view(currentUser.userId(), currentUser.role()), saved)).build();
    }

    @POST
    public Response save(@RestForm boolean emailAlerts, @RestForm boolean textAlerts, @RestForm boolean calls,
            @RestForm boolean replies, @RestForm boolean problems) {
        preferences.save(currentUser.userId(), currentUser.role(),
                new NotificationPreferencesService.Choices(emailAlerts, textAlerts, calls, replies, problems));
        return Response.seeOther(URI.create("/notifications/preferences?saved=true")).build();
    }
}
