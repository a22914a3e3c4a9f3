package com.callaback.identity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.web.InvalidInputException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The invitation link from the invitee's side: what it offers, and joining with it once, before it expires or is
 * revoked, only as the invited address that the sign-in provider verified.
 */
@ApplicationScoped
public class InvitationAcceptance {

    @Inject
    EntityManager em;
    @Inject
    TenantScope tenantScope;

    /** A pending invitation as the invitee sees it; {@code refusal} says why this person cannot accept it. */
    public record Pending(String businessName, String role, String email, Instant expiresAt, String timezone,
            String refusal) {

        public boolean acceptable() {
            return refusal == null;
        }
    }

    /** The signed-in person as their sign-in provider vouches for them: the email and whether it is verified. */
    public record Invitee(String email, boolean emailVerified) {
    }

    public Pending describe(String token, Invitee invitee) {
        Route route = route(token);
        return tenantScope.call(route.tenantId(), () -> {
            Invitation invitation = usable(route.invitationId());
            Tenant tenant = Tenant.findById(route.tenantId());
            return new Pending(tenant.name, invitation.role, invitation.email, invitation.expiresAt, tenant.timezone,
                    refusal(invitation, invitee));
        });
    }

    /**
     * Adds the user to the inviting business (keeping a higher role they already have) and makes it active. Only
     * the invited address, verified by the sign-in provider, may use the link.
     */
    public UUID accept(String token, UUID userId, Invitee invitee) {
        Route route = route(token);
        return tenantScope.call(route.tenantId(), () -> {
            Invitation invitation = usable(route.invitationId());
            String refusal = refusal(invitation, invitee);
            if (refusal != null) {
                throw new ForbiddenException(refusal);
            }
            // Used once, even when two people open the link at the same moment or it is revoked meanwhile.
            int claimed = em.createNativeQuery("update invitations set accepted_at = now(), accepted_by = ?1 "
                    + "where id = ?2 and accepted_at is null and revoked_at is null").setParameter(1, userId)
                    .setParameter(2, invitation.id).executeUpdate();
            if (claimed == 0) {
                throw new InvalidInputException("token", "This invitation has already been used.");
            }
            em.createNativeQuery("insert into memberships (tenant_id, id, user_id, role) values "
                    + "(current_tenant_id(), ?1, ?2, ?3) on conflict (tenant_id, user_id) do nothing")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, userId).setParameter(3, invitation.role)
                    .executeUpdate();
            Membership membership = Membership.findByUser(userId).orElseThrow();
            if (Role.fromDb(invitation.role).atLeast(membership.role()) && !invitation.role.equals(membership.role)) {
                membership.role = invitation.role;
            }
            AuditEntry.record(userId, "invitation.accepted", "invitation", invitation.id, Map.of(
                    "target", invitation.email, "role", invitation.role));
            // The person's own row: row-level security lets only their own request change it.
            User.update("activeTenantId = ?1 where id = ?2", route.tenantId(), userId);
            return route.tenantId();
        });
    }

    private Invitation usable(UUID invitationId) {
        Invitation invitation = Invitation.findById(invitationId);
        if (invitation == null) {
            throw notFound();
        }
        if (invitation.acceptedAt != null) {
            throw new InvalidInputException("token", "This invitation has already been used.");
        }
        if (invitation.revokedAt != null) {
            throw new InvalidInputException("token", "This invitation was withdrawn. Ask the business for a new one.");
        }
        if (!invitation.isPending(Instant.now())) {
            throw new InvalidInputException("token", "This invitation has expired. Ask for a new one.");
        }
        return invitation;
    }

    private static String refusal(Invitation invitation, Invitee invitee) {
        String email = invitee.email() == null ? "" : invitee.email().strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            return "This invitation was sent to " + invitation.email + ", and your account has no email address. "
                    + "Sign in with the account of " + invitation.email + " to join.";
        }
        if (!email.equals(invitation.email)) {
            return "This invitation was sent to " + invitation.email + ", but you are signed in as " + email
                    + ". Sign out and sign in as " + invitation.email + " to join.";
        }
        if (!invitee.emailVerified()) {
            return "Your sign-in provider has not verified " + email + " yet. Verify the address there, then open "
                    + "this link again.";
        }
        return null;
    }

    private record Route(UUID tenantId, UUID invitationId) {
    }

    /** Invitation link to tenant, read before the invitee belongs to it: ids only, via route_invitation(). */
    private Route route(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            throw notFound();
        }
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select tenant_id, invitation_id from route_invitation(?1)")
                .setParameter(1, Tokens.sha256(token))
                .getResultList());
        if (rows.isEmpty()) {
            throw notFound();
        }
        Object[] row = (Object[]) rows.get(0);
        return new Route((UUID) row[0], (UUID) row[1]);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("This invitation link is not valid.");
    }
}
