package com.callaback.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Invites people into the active business by link, and lets the invitee join with it once, before it expires. */
@ApplicationScoped
public class InvitationService {

    static final Duration VALIDITY = Duration.ofDays(7);

    @Inject
    EntityManager em;
    @Inject
    TenantScope tenantScope;

    /** A pending invitation as the invitee sees it. */
    public record Pending(String businessName, String role, String email, Instant expiresAt) {
    }

    /** Creates an invitation in the active business and returns the raw token (shown once, stored hashed). */
    @Transactional
    public String invite(UUID invitedBy, String email, String role) {
        FieldErrors errors = new FieldErrors();
        String cleanEmail = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!cleanEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || cleanEmail.length() > 254) {
            errors.add("email", "Enter the email address of the person to invite.");
        }
        if (!"admin".equals(role) && !"member".equals(role)) {
            errors.add("role", "Choose admin or member.");
        }
        errors.throwIfAny();
        String token = Tokens.newToken();
        Invitation invitation = new Invitation();
        invitation.email = cleanEmail;
        invitation.role = role;
        invitation.tokenHash = Tokens.sha256(token);
        invitation.invitedBy = invitedBy;
        invitation.expiresAt = Instant.now().plus(VALIDITY);
        invitation.persist();
        AuditEntry.record(invitedBy, "invitation.created", "invitation", invitation.id);
        return token;
    }

    @Transactional
    public List<Invitation> pending() {
        return Invitation.listPending(Instant.now());
    }

    public Pending describe(String token) {
        Route route = route(token);
        return tenantScope.call(route.tenantId(), () -> {
            Invitation invitation = usable(route.invitationId());
            Tenant tenant = Tenant.findById(route.tenantId());
            return new Pending(tenant.name, invitation.role, invitation.email, invitation.expiresAt);
        });
    }

    /** Adds the user to the inviting business (keeping a higher role they already have) and makes it active. */
    public UUID accept(String token, UUID userId) {
        Route route = route(token);
        return tenantScope.call(route.tenantId(), () -> {
            Invitation invitation = usable(route.invitationId());
            // Used once, even when two people open the link at the same moment.
            int claimed = em.createNativeQuery("update invitations set accepted_at = now(), accepted_by = ?1 "
                    + "where id = ?2 and accepted_at is null").setParameter(1, userId)
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
            AuditEntry.record(userId, "invitation.accepted", "invitation", invitation.id);
            User user = User.findById(userId);
            user.activeTenantId = route.tenantId();
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
        if (!invitation.isPending(Instant.now())) {
            throw new InvalidInputException("token", "This invitation has expired. Ask for a new one.");
        }
        return invitation;
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
