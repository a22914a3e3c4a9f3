package com.callaback.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.InvalidInputException;

/** The people of the active business: who they are, their roles, and the rules for changing them. */
@ApplicationScoped
public class TeamService {

    @Inject
    TenantContext tenantContext;
    @Inject
    BusinessTerms terms;

    /** A member as the team page lists them. */
    public record Member(UUID membershipId, UUID userId, String name, String email, Role role) {

        public boolean owner() {
            return role == Role.OWNER;
        }

        public boolean admin() {
            return role == Role.ADMIN;
        }

        public boolean member() {
            return role == Role.MEMBER;
        }
    }

    /** Everything the team page shows, read in one transaction. */
    public record Team(String businessName, String agencyName, String timezone, BusinessTerms.Seats plan, List<Member> members,
            List<Invitation> pending) {

        public int seatsUsed() {
            return members.size() + pending.size();
        }

        public boolean hasOwner() {
            return members.stream().anyMatch(Member::owner);
        }

        public boolean full() {
            return seatsUsed() >= plan.maxUsers();
        }

        /** A client business run by an agency, with nobody of its own yet. */
        public boolean runByAgencyOnly() {
            return agencyName != null && members.isEmpty();
        }
    }

    @Transactional
    public Team team() {
        Tenant tenant = Tenant.findById(tenantContext.require());
        Tenant.Agency agency = tenant.agencyId == null ? null : Tenant.agencyOfCurrent().orElse(null);
        return new Team(tenant.name, agency == null ? null : agency.name(), tenant.timezone, terms.seats(tenant),
                members(), Invitation.listPending(java.time.Instant.now()));
    }

    @Transactional
    public List<Member> members() {
        List<Membership> memberships = Membership.listOrdered();
        Map<UUID, User> users = User.<User>list("id in ?1", memberships.stream().map(m -> m.userId).toList())
                .stream().collect(Collectors.toMap(u -> u.id, Function.identity()));
        return memberships.stream()
                .map(m -> {
                    User u = users.get(m.userId);
                    return new Member(m.id, m.userId, u == null ? "" : u.displayName(), u == null ? "" : u.email,
                            m.role());
                })
                .toList();
    }

    /** Gives a member another role; only owners make or unmake owners, and an owner always remains. */
    @Transactional
    public void changeRole(UUID actor, Role actorRole, UUID membershipId, String role) {
        Role next = parse(role);
        Membership membership = lockedMember(membershipId);
        Role current = membership.role();
        if (current == next) {
            return;
        }
        if ((current == Role.OWNER || next == Role.OWNER) && actorRole != Role.OWNER) {
            throw new ForbiddenException("Only an owner can make someone an owner or change an owner's role.");
        }
        if (current == Role.OWNER) {
            requireAnotherOwner("This is the only owner. Make someone else owner first, then change this role.");
        }
        membership.role = next.dbValue();
        AuditEntry.record(actor, "member.role_changed", "user", membership.userId, Map.of(
                "target", label(membership.userId), "from", current.dbValue(), "to", next.dbValue()));
    }

    /** Takes a member out of the business; only owners remove owners, and never the last one. */
    @Transactional
    public void remove(UUID actor, Role actorRole, UUID membershipId) {
        Membership membership = lockedMember(membershipId);
        if (membership.role() == Role.OWNER) {
            if (actorRole != Role.OWNER) {
                throw new ForbiddenException("Only an owner can remove an owner.");
            }
            requireAnotherOwner("This is the only owner, so they cannot be removed. Make someone else owner first.");
        }
        String who = label(membership.userId);
        membership.delete();
        // Their call-backs still have to be made: they go back to the team (shown unassigned), not with them.
        int unassigned = Membership.getEntityManager().createNativeQuery(
                "update follow_ups set assigned_to = null where assigned_to = ?1 and status = 'pending'")
                .setParameter(1, membership.userId).executeUpdate();
        AuditEntry.record(actor, "member.removed", "user", membership.userId, Map.of("target", who,
                "role", membership.role, "callBacksUnassigned", unassigned));
    }

    /** Locks the business row first, so two changes to the team (or an invitation and a removal) run one at a time. */
    private Membership lockedMember(UUID membershipId) {
        Tenant.findById(tenantContext.require(), LockModeType.PESSIMISTIC_WRITE);
        Membership membership = Membership.findById(membershipId);
        if (membership == null) {
            throw new NotFoundException("This person is not on the team.");
        }
        return membership;
    }

    private static void requireAnotherOwner(String message) {
        if (Membership.count("role", Role.OWNER.dbValue()) < 2) {
            throw new InvalidInputException("member", message);
        }
    }

    private static Role parse(String role) {
        try {
            return Role.fromDb(role == null ? "" : role.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "Choose owner, admin or member.");
        }
    }

    private static String label(UUID userId) {
        User user = User.findById(userId);
        return user == null ? "" : user.displayName();
    }
}
