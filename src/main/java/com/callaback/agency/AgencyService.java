package com.callaback.agency;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import com.callaback.identity.BusinessForm;
import com.callaback.identity.BusinessSignup;
import com.callaback.identity.CurrentUser;
import com.callaback.identity.MembershipDirectory;
import com.callaback.identity.Role;
import com.callaback.identity.TenantAccess;
import com.callaback.identity.User;
import com.callaback.tenant.Tenant;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** An agency's client businesses: listing them, adding one, and entering one to work in it. */
@ApplicationScoped
public class AgencyService {

    @Inject
    CurrentUser currentUser;
    @Inject
    MembershipDirectory directory;
    @Inject
    BusinessSignup signup;

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
            TenantAccess access = directory.accessTo(clientId, currentUser.memberships())
                    .filter(TenantAccess::viaAgency)
                    .orElseThrow(() -> new NotFoundException("No client business with that id is yours to open"));
            User user = User.findById(currentUser.userId());
            user.activeTenantId = access.tenantId();
        });
    }

    private TenantAccess activeAgency() {
        return currentUser.active().filter(TenantAccess::agency)
                .orElseThrow(() -> new NotFoundException("The active business is not an agency"));
    }
}
