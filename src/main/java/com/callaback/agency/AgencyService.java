package com.callaback.agency;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import com.callaback.identity.BusinessForm;
import com.callaback.identity.BusinessSignup;
import com.callaback.identity.CurrentUser;
import com.callaback.identity.InvitationMail;
import com.callaback.identity.InvitationService;
import com.callaback.identity.MembershipDirectory;
import com.callaback.identity.Role;
import com.callaback.identity.TenantAccess;
import com.callaback.identity.User;
import com.callaback.tenant.NoBusinessSelectedException;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** An agency's client businesses: listing them, adding one, entering one to work in it, inviting its owner. */
@ApplicationScoped
public class AgencyService {

    @Inject
    CurrentUser currentUser;
    @Inject
    MembershipDirectory directory;
    @Inject
    BusinessSignup signup;
    @Inject
    InvitationService invitations;
    @Inject
    InvitationMail mail;
    @Inject
    TenantScope scope;

    public List<Tenant> clients() {
        TenantAccess agency = activeAgency();
        return QuarkusTransaction.requiringNew().call(() -> Tenant.findClientsOf(agency.tenantId()));
    }

    public Tenant addClient(BusinessForm form) {
        TenantAccess agency = activeAgency();
        currentUser.requireRole(Role.ADMIN);
        return signup.createClientOf(agency.tenantId(), currentUser.userId(), form);
    }

    /** Makes a client the user's active business; 404 unless the user is an owner or admin of its agency. */
    public void enter(UUID clientId) {
        QuarkusTransaction.requiringNew().run(() -> {
            TenantAccess access = directory.accessTo(currentUser.userId(), clientId, currentUser.memberships())
                    .filter(TenantAccess::viaAgency)
                    .orElseThrow(() -> new NotFoundException("No client business with that id is yours to open"));
            User user = User.findById(currentUser.userId());
            user.activeTenantId = access.tenantId();
        });
    }

    /**
     * Invites the owner of a client business, as the agency (its owners and admins only); 404 for a business that
     * is not this agency's client. The invitation is made inside the client, under the client's own rules.
     */
    public OwnerInvitation inviteOwner(UUID clientId, String email) {
        TenantAccess agency = activeAgency();
        currentUser.requireRole(Role.ADMIN);
        boolean ours = QuarkusTransaction.requiringNew().call(() -> Tenant.findClientsOf(agency.tenantId()).stream()
                .anyMatch(c -> c.id.equals(clientId)));
        if (!ours) {
            throw new NotFoundException("No client business with that id is yours to manage");
        }
        InvitationService.Created created = scope.call(clientId,
                () -> invitations.invite(currentUser.userId(), agency.role(), email, Role.OWNER.dbValue()));
        return new OwnerInvitation(created.email(), mail.send(created, currentUser.displayName()));
    }

    /** Who was invited, and whether the email went out (if not, the client's team page still lists it). */
    public record OwnerInvitation(String email, boolean mailed) {
    }

    /** From a client business entered through its agency back to the agency; 404 when not inside one. */
    public void returnToAgency() {
        TenantAccess client = currentUser.active().filter(TenantAccess::viaAgency)
                .orElseThrow(() -> new NotFoundException("You are not working in a client business of an agency"));
        QuarkusTransaction.requiringNew().run(() -> {
            UUID agencyId = Tenant.<Tenant>findByIdOptional(client.tenantId()).map(t -> t.agencyId)
                    .filter(id -> currentUser.memberships().stream().anyMatch(m -> m.tenantId().equals(id)))
                    .orElseThrow(() -> new NotFoundException("You are not working in a client business of an agency"));
            User user = User.findById(currentUser.userId());
            user.activeTenantId = agencyId;
        });
    }

    private TenantAccess activeAgency() {
        if (!currentUser.hasActive()) {
            throw new NoBusinessSelectedException();
        }
        return currentUser.active().filter(TenantAccess::agency)
                .orElseThrow(() -> new NotFoundException("The active business is not an agency"));
    }
}
