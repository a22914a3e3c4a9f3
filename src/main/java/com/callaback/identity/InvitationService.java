package com.callaback.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;


/** Invites people into the active business by emailed link, within the plan's limit, and revokes invitations. */
@ApplicationScoped
public class InvitationService {

    static final Duration VALIDITY = Duration.ofDays(7);

    @Inject
    TenantContext tenantContext;
    @Inject
    BusinessTerms terms;

    /** A new invitation: the raw token goes into the emailed link only. */
    public record Created(UUID id, String email, String role, String token, String businessName, Instant expiresAt) {
    }

    /**
     * Creates an invitation in the active business. The plan's user limit counts members and pending invitations;
     * the owner role is given only by an owner, or to the first owner of a business that has none (a client
     * business set up by its agency).
     */
    @Transactional
    public Created invite(UUID invitedBy, Role actorRole, String email, String role) {
        Tenant tenant = Tenant.findById(tenantContext.require(), LockModeType.PESSIMISTIC_WRITE);
        FieldErrors errors = new FieldErrors();
        String cleanEmail = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!cleanEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || cleanEmail.length() > 254) {
            errors.add("email", "Enter the email address of the person to invite.");
        }
        Role invitedRole = switch (role == null ? "" : role) {
            case "member" -> Role.MEMBER;
            case "admin" -> Role.ADMIN;
            case "owner" -> Role.OWNER;
            default -> null;
        };
        boolean ownerAllowed = actorRole == Role.OWNER || Membership.count("role", Role.OWNER.dbValue()) == 0;
        if (invitedRole == null || (invitedRole == Role.OWNER && !ownerAllowed)) {
            errors.add("role", ownerAllowed ? "Choose owner, admin or member." : "Choose admin or member.");
        }
        errors.throwIfAny();
        Instant now = Instant.now();
        if (isMember(cleanEmail)) {
            throw new InvalidInputException("email", cleanEmail + " is already on the team.");
        }
        if (Invitation.isPendingFor(cleanEmail, now)) {
            throw new InvalidInputException("email", cleanEmail + " already has an invitation waiting. Revoke it "
                    + "first to send a new one.");
        }
        BusinessTerms.Seats plan = terms.seats(tenant);
        if (Membership.count() + Invitation.countPending(now) >= plan.maxUsers()) {
            throw new InvalidInputException("email", "The " + plan.displayName() + " plan includes up to "
                    + plan.maxUsers() + " people, counting invitations not yet accepted. Remove someone or revoke "
                    + "an invitation first, or " + BusinessTerms.UPGRADE.substring(0, 1).toLowerCase()
                    + BusinessTerms.UPGRADE.substring(1));
        }
        String token = Tokens.newToken();
        Invitation invitation = new Invitation();
        invitation.email = cleanEmail;
        invitation.role = invitedRole.dbValue();
        invitation.tokenHash = Tokens.sha256(token);
        invitation.invitedBy = invitedBy;
        invitation.expiresAt = now.plus(VALIDITY);
        invitation.persist();
        AuditEntry.record(invitedBy, "invitation.created", "invitation", invitation.id, Map.of(
                "target", cleanEmail, "role", invitation.role));
        return new Created(invitation.id, cleanEmail, invitation.role, token, tenant.name, invitation.expiresAt);
    }

    /** The address of one of this business's invitations, by the id a page was given; empty for anything else. */
    @Transactional
    public java.util.Optional<String> emailOf(String invitationId) {
        try {
            return invitationId == null ? java.util.Optional.empty()
                    : Invitation.<Invitation>findByIdOptional(UUID.fromString(invitationId)).map(i -> i.email);
        } catch (IllegalArgumentException notAnId) {
            return java.util.Optional.empty();
        }
    }

    /** Withdraws a pending invitation of the active business; its link stops working at once. */
    @Transactional
    public void revoke(UUID actor, Role actorRole, UUID invitationId) {
        Invitation invitation = Invitation.findById(invitationId);
        if (invitation == null) {
            throw new NotFoundException("This invitation does not exist.");
        }
        if (invitation.invitedRole() == Role.OWNER && actorRole != Role.OWNER
                && Membership.count("role", Role.OWNER.dbValue()) > 0) {
            throw new ForbiddenException("Only an owner can revoke an invitation to become owner.");
        }
        // One conditional update: an acceptance committing meanwhile wins, and the revoke says so.
        int revoked = Invitation.update("revokedAt = ?1 where id = ?2 and acceptedAt is null and revokedAt is null",
                Instant.now(), invitation.id);
        if (revoked == 1) {
            AuditEntry.record(actor, "invitation.revoked", "invitation", invitation.id, Map.of(
                    "target", invitation.email));
        } else if (Invitation.<Invitation>find("id = ?1 and acceptedAt is not null", invitation.id).count() > 0) {
            throw new InvalidInputException("invitation", invitation.email + " has already joined; remove them from "
                    + "the team instead.");
        }
    }

    @Transactional
    public List<Invitation> pending() {
        return Invitation.listPending(Instant.now());
    }

    private boolean isMember(String email) {
        List<UUID> userIds = Membership.<Membership>listAll().stream().map(m -> m.userId).toList();
        return !userIds.isEmpty() && User.count("lower(email) = ?1 and id in ?2", email, userIds) > 0;
    }
}
