package com.callaback.identity;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;
import com.callaback.web.PlatformConfig;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The team page: who works in this business, and invitations (owners and admins only). */
@Path("/team")
@Produces(MediaType.TEXT_HTML)
public class TeamResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    TeamService team;
    @Inject
    InvitationService invitations;
    @Inject
    PlatformConfig platform;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<TeamService.Member> members, List<Invitation> pending,
                boolean canInvite, String inviteLink, FieldErrors errors);
    }

    @GET
    public TemplateInstance index() {
        return page(null, new FieldErrors());
    }

    @POST
    @Path("/invitations")
    public Response invite(@RestForm String email, @RestForm String role) {
        currentUser.requireRole(Role.ADMIN);
        try {
            String token = invitations.invite(currentUser.userId(), email, role);
            return Response.ok(page(platform.publicBaseUrl() + "/invitations/" + token, new FieldErrors())).build();
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(page(null, errors)).build();
        }
    }

    private TemplateInstance page(String inviteLink, FieldErrors errors) {
        return Templates.index(team.members(), invitations.pending(), currentUser.role().atLeast(Role.ADMIN),
                inviteLink, errors);
    }
}
