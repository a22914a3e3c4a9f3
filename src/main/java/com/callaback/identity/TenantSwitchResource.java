package com.callaback.identity;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Switches the business the signed-in user works in. The submitted id is only a choice: it is accepted when the
 * user is a member there (or an agency admin of it), and answered 404 otherwise.
 */
@Path("/switch")
public class TenantSwitchResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    MembershipDirectory directory;

    @POST
    public Response switchTo(@RestForm String tenant) {
        UUID tenantId = parse(tenant);
        QuarkusTransaction.requiringNew().run(() -> {
            TenantAccess access = directory.accessTo(currentUser.userId(), tenantId, currentUser.memberships())
                    .orElseThrow(() -> new NotFoundException("No business with that id is yours to open"));
            User user = User.findById(currentUser.userId());
            user.activeTenantId = access.tenantId();
        });
        return Response.seeOther(URI.create("/")).build();
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id == null ? "" : id.strip());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No business with that id is yours to open");
        }
    }
}
