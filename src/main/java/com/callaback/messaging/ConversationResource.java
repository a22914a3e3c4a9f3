package com.callaback.messaging;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;
import com.callaback.web.Paging;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The inbox pages: threads newest first, one thread with its timeline, a reply box and its category. */
@Path("/conversations")
@Produces(MediaType.TEXT_HTML)
public class ConversationResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    ConversationService conversations;
    @Inject
    com.callaback.dashboard.live.LiveStart liveStart;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Paging<ConversationService.Thread> threads);

        static native TemplateInstance show(ConversationService.Conversation conversation, String body,
                FieldErrors errors, boolean queued);

        static native TemplateInstance show$thread(ConversationService.Conversation conversation, String body,
                FieldErrors errors, boolean queued);

        static native TemplateInstance show$timeline(ConversationService.Conversation conversation);
    }

    @GET
    public TemplateInstance index(@QueryParam("page") Integer page) {
        currentUser.requireRole(Role.MEMBER);
        liveStart.mark();
        return Templates.index(conversations.threads(Paging.pageNumber(page)));
    }

    @GET
    @Path("/{id}")
    public TemplateInstance show(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        return Templates.show(conversations.open(id), "", new FieldErrors(), false);
    }

    /**
     * The open page polls this with htmx, so new calls and texts appear without a reload. Polling does not mark the
     * thread read: a tab left open in the background must not hide new replies from the rest of the team.
     */
    @GET
    @Path("/{id}/timeline")
    public TemplateInstance timeline(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.MEMBER);
        return Templates.show$timeline(conversations.view(id));
    }

    /**
     * htmx posts swap only the thread (timeline and reply box), also when the text is refused: htmx swaps only
     * successful answers, so a refusal comes back as 200 with the message beside the box. A plain form post gets
     * the page with 400 (invalid) or 409 (the contact opted out), or is redirected back.
     */
    @POST
    @Path("/{id}/reply")
    public Response reply(@PathParam("id") UUID id, @RestForm String body, @HeaderParam("HX-Request") String htmx) {
        currentUser.requireRole(Role.MEMBER);
        boolean partial = "true".equals(htmx);
        FieldErrors errors = new FieldErrors();
        int status;
        try {
            conversations.reply(id, body, currentUser.userId());
            if (!partial) {
                return Response.seeOther(URI.create("/conversations/" + id)).build();
            }
            return Response.ok(Templates.show$thread(conversations.view(id), "", errors, true)).build();
        } catch (InvalidInputException e) {
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            status = 400;
        } catch (ClientErrorException e) {
            if (e.getResponse().getStatus() != 409) {
                throw e;
            }
            errors.add("body", e.getMessage());
            status = 409;
        }
        ConversationService.Conversation conversation = conversations.view(id);
        return partial ? Response.ok(Templates.show$thread(conversation, body, errors, false)).build()
                : Response.status(status).entity(Templates.show(conversation, body, errors, false)).build();
    }

    @POST
    @Path("/{id}/category")
    public Response categorise(@PathParam("id") UUID id, @RestForm String category) {
        currentUser.requireRole(Role.MEMBER);
        conversations.categorise(id, category);
        return Response.seeOther(URI.create("/conversations/" + id)).build();
    }
}
