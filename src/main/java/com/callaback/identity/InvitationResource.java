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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/** The invitation link: shows what the invitee is joining, and joins on confirmation by the invited address. */
@Path("/invitations/{token}")
@Produces(MediaType.TEXT_HTML)
public class InvitationResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    SecurityIdentity identity;
    @Inject
    InvitationAcceptance invitations;
    /** Dev mode only: the built-in sign-in server states no email_verified claim. Never set in production. */
    @ConfigProperty(name = "callaback.invitations.trust-unverified-email", defaultValue = "false")
    boolean trustUnverifiedEmail;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accept(InvitationAcceptance.Pending invitation, String token);
    }

    @GET
    public TemplateInstance show(@PathParam("token") String token) {
        return Templates.accept(invitations.describe(token, invitee()), token);
    }

    @POST
    public Response accept(@PathParam("token") String token) {
        invitations.accept(token, currentUser.userId(), invitee());
        return Response.seeOther(URI.create("/")).build();
    }

    /** The email of this sign-in as the ID token states it, and whether the provider verified it. */
    private InvitationAcceptance.Invitee invitee() {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object verified = token.getClaim("email_verified");
            return new InvitationAcceptance.Invitee(token.getClaim("email"),
                    trustUnverifiedEmail || verified != null && "true".equals(verified.toString().replace("\"", "")));
        }
        return new InvitationAcceptance.Invitee(null, false);
    }
}
