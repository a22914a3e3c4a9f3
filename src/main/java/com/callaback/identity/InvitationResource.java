package com.callaback.identity;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The invitation link: shows what the invitee is joining, and joins on confirmation. */
@Path("/invitations/{token}")
@Produces(MediaType.TEXT_HTML)
public class InvitationResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    InvitationService invitations;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accept(InvitationService.Pending invitation, String token);
    }

    @GET
    public TemplateInstance show(@PathParam("token") String token) {
        return Templates.accept(invitations.describe(token), token);
    }

    @POST
    public Response accept(@PathParam("token") String token) {
        invitations.accept(token, currentUser.userId());
        return Response.seeOther(URI.create("/")).build();
    }
}
