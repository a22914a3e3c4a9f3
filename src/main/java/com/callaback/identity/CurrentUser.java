package com.callaback.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.ForbiddenException;

/**
 * The signed-in person of this request: who they are, the businesses they may act in and the one they act in
 * now. Filled once per request by the tenant request filter; templates read it as {@code inject:currentUser}.
 */
@RequestScoped
@Named("currentUser")
public class CurrentUser {

    private SignedIn signedIn;

    public void set(SignedIn signedIn) {
        this.signedIn = signedIn;
    }

    public boolean isSignedIn() {
        return signedIn != null;
    }

    public UUID userId() {
        return require().userId();
    }

    public String displayName() {
        return signedIn == null ? "" : signedIn.displayName();
    }

    public List<TenantAccess> memberships() {
        return signedIn == null ? List.of() : signedIn.memberships();
    }

    public Optional<TenantAccess> active() {
        return signedIn == null ? Optional.empty() : Optional.ofNullable(signedIn.active());
    }

    /** Whether a business is selected; templates use this rather than the Optional. */
    public boolean hasActive() {
        return active().isPresent();
    }

    public TenantAccess activeOrNull() {
        return active().orElse(null);
    }

    /** Businesses offered in the switcher: every membership, plus a client entered through an agency. */
    public List<TenantAccess> switchable() {
        List<TenantAccess> options = new java.util.ArrayList<>(memberships());
        active().filter(TenantAccess::viaAgency).ifPresent(options::add);
        return options;
    }

    /** The role in the active business; a signed-in user with no business has none, which is a 404. */
    public Role role() {
        return active().map(TenantAccess::role).orElseThrow(com.callaback.tenant.NoBusinessSelectedException::new);
    }

    public void requireRole(Role needed) {
        if (!role().atLeast(needed)) {
            throw new ForbiddenException("This needs the " + needed.dbValue() + " role in this business");
        }
    }

    private SignedIn require() {
        if (signedIn == null) {
            throw new IllegalStateException("No signed-in user in this request");
        }
        return signedIn;
    }

    /** What sign-in resolved for this request. */
    public record SignedIn(UUID userId, String displayName, List<TenantAccess> memberships, TenantAccess active) {
    }
}
