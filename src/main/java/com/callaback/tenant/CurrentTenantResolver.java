package com.callaback.tenant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;

/** The one Hibernate tenant resolver: a session opened without a tenant matches no tenant's rows. */
@PersistenceUnitExtension
@RequestScoped
public class CurrentTenantResolver implements TenantResolver {

    /** No tenant has this id, so a session opened outside any tenant sees nothing and can insert nothing. */
    static final String NO_TENANT = "00000000-0000-0000-0000-000000000000";

    @Inject
    TenantContext context;

    @Override
    public String getDefaultTenantId() {
        return NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        if (context.shared()) {
            // A session carries one tenant for its whole life; in a transaction several businesses share, it would
            // carry the first one into the next business's work.
            throw new IllegalStateException("No Hibernate session in a transaction shared by several businesses");
        }
        return context.tenantId().map(Object::toString).orElse(NO_TENANT);
    }
}
