package com.callaback.support;

import java.util.UUID;
import java.util.function.Supplier;

import com.callaback.tenant.TenantScope;

import io.quarkus.arc.Arc;

/**
 * Test shorthand for reading or changing a business's own row as that business: row-level security on
 * {@code tenants} admits a transaction to the business it acts for (V28), as the app does.
 */
public final class AsTenant {

    private AsTenant() {
    }

    public static <T> T call(UUID tenantId, Supplier<T> work) {
        return scope().call(tenantId, work);
    }

    public static void run(UUID tenantId, Runnable work) {
        scope().run(tenantId, work);
    }

    private static TenantScope scope() {
        return Arc.container().instance(TenantScope.class).get();
    }
}
