package com.callaback.dashboard;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.CurrentUser;
import com.callaback.web.Paging;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The notifications page of the signed-in person: the list newest first, opening one (which marks it read),
 * marking one or all read. Every action is a plain form POST answered 303; htmx swaps the list from that page.
 */
@Path("/notifications")
@Produces(MediaType.TEXT_HTML)
public class NotificationResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    NotificationService notifications;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(NotificationService.Page page);
    }

    @GET
    public Response index(@QueryParam("page") Integer page) {
        if (!currentUser.hasActive()) {
            return Response.seeOther(URI.create("/onboarding")).build();
        }
        return Response.ok(Templates.index(notifications.page(currentUser.userId(), Paging.pageNumber(page)))).build();
    }

    /** A GET because it is the link in the list and in alert mails; marking read is what opening means. */
    @GET
    @Path("/{id}/open")
    public Response open(@PathParam("id") UUID id) {
        return Response.seeOther(URI.create(notifications.open(id, currentUser.userId()))).build();
    }

    @POST
    @Path("/{id}/read")
    public Response markRead(@PathParam("id") UUID id, @RestForm Integer page) {
        notifications.markRead(id, currentUser.userId());
        return backTo(page);
    }

    @POST
    @Path("/read-all")
    public Response markAllRead(@RestForm Integer page, @RestForm String seen) {
        notifications.markAllRead(currentUser.userId(), seenUpTo(seen));
        return backTo(page);
    }

    private static Response backTo(Integer page) {
        int number = Paging.pageNumber(page);
        return Response.seeOther(URI.create(number == 1 ? "/notifications" : "/notifications?page=" + number)).build();
    }

    /** The page's own mark of what it showed; anything unreadable means "up to now". */
    private static Instant seenUpTo(String seen) {
        try {
            return seen == null || seen.isBlank() ? null : Instant.parse(seen.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
