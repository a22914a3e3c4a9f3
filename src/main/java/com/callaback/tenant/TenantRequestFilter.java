package com.callaback.tenant;

import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.SignInService;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Sets the tenant of every signed-in request, once, from the user's membership (or agency access) of the
 * business they chose. Anonymous requests (webhooks) get no tenant here; they enter one via {@link TenantScope}.
 */
public class TenantRequestFilter {

    /**
     * Set (to the tenant's UUID) on an identity whose authentication already belongs to exactly one business, such as
     * an API key: the request acts in that business, and there is no person to sign in.
     */
    public static final String TENANT_ATTRIBUTE = "callaback.tenant-id";

    @Inject
    SecurityIdentity identity;
    @Inject
    SignInService signIn;
    @Inject
    CurrentUser currentUser;
    @Inject
    TenantContext context;

    @ServerRequestFilter
    public void enterTenantOfSignedInUser() {
        if (identity.isAnonymous()) {
            return;
        }
        if (identity.getAttribute(TENANT_ATTRIBUTE) instanceof UUID tenant) {
            context.enter(tenant);
            return;
        }
        CurrentUser.SignedIn signedIn = signIn.signIn(identity);
        currentUser.set(signedIn);
        context.enterUser(signedIn.userId());
        if (signedIn.active() != null) {
            context.enter(signedIn.active().tenantId());
        }
    }
}
