package com.callaback.identity;

import java.net.URI;
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
import jakarta.ws.rs.core.UriBuilder;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The team page: everyone sees who works here; owners and admins change roles, remove people and invite. */
@Path("/settings/team")
@Produces(MediaType.TEXT_HTML)
public class TeamResource {

    private static final URI PAGE = URI.create("/settings/team");

    @Inject
    CurrentUser currentUser;
    @Inject
    TeamService team;
    @Inject
    InvitationService invitations;
    @Inject
    InvitationMail mail;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(TeamService.Team team, boolean canManage, boolean owner, UUID me,
                FieldErrors errors, String email, String role, String invited, boolean mailFailed);
    }

    @GET
    public Response index(@QueryParam("invited") String invited, @QueryParam("mail") String mailStatus) {
        if (!currentUser.hasActive()) {
            return Response.seeOther(URI.create("/onboarding")).build();
        }
        // The address shown comes from this business's invitation, never from the link: a crafted link shows nothing.
        String invitedEmail = invitations.emailOf(invited).orElse(null);
        return Response.ok(page(new FieldErrors(), null, null, invitedEmail, "failed".equals(mailStatus))).build();
    }

    @POST
    @Path("/invitations")
    public Response invite(@RestForm String email, @RestForm String role) {
        currentUser.requireRole(Role.ADMIN);
        InvitationService.Created created;
        try {
            created = invitations.invite(currentUser.userId(), currentUser.role(), email, role);
        } catch (InvalidInputException e) {
            return invalid(e, email, role);
        }
        boolean sent = mail.send(created, currentUser.displayName());
        UriBuilder next = UriBuilder.fromUri(PAGE).queryParam("invited", created.id());
        return Response.seeOther(sent ? next.build() : next.queryParam("mail", "failed").build()).build();
    }

    @POST
    @Path("/invitations/{id}/revoke")
    public Response revoke(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.ADMIN);
        try {
            invitations.revoke(currentUser.userId(), currentUser.role(), id);
        } catch (InvalidInputException e) {
            return invalid(e, null, null);
        }
        return Response.seeOther(PAGE).build();
    }

    @POST
    @Path("/members/{id}/role")
    public Response changeRole(@PathParam("id") UUID id, @RestForm String role) {
        currentUser.requireRole(Role.ADMIN);
        try {
            team.changeRole(currentUser.userId(), currentUser.role(), id, role);
        } catch (InvalidInputException e) {
            return invalid(e, null, null);
        }
        return Response.seeOther(PAGE).build();
    }

    @POST
    @Path("/members/{id}/remove")
    public Response remove(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.ADMIN);
        try {
            team.remove(currentUser.userId(), currentUser.role(), id);
        } catch (InvalidInputException e) {
            return invalid(e, null, null);
        }
        return Response.seeOther(PAGE).build();
    }

    /** A refused change: the page again, status 400, the message beside the form it came from. */
    private Response invalid(InvalidInputException e, String email, String role) {
        FieldErrors errors = new FieldErrors();
        e.errors().forEach(f -> errors.add(f.field(), f.message()));
        return Response.status(400).entity(page(errors, email, role, null, false)).build();
    }

    private TemplateInstance page(FieldErrors errors, String email, String role, String invited, boolean mailFailed) {
        Role mine = currentUser.role();
        return Templates.index(team.team(), mine.atLeast(Role.ADMIN), mine == Role.OWNER, currentUser.userId(),
                errors, email, role, invited, mailFailed);
    }
}
