package com.callaback.tenant;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant the current request or job acts for. Only this package sets it: the request filter from the
 * signed-in user's membership, and {@link TenantScope} for webhooks and scheduled work.
 */
@RequestScoped
public class TenantContext {

    private UUID tenantId;
    private UUID userId;
    private boolean shared;

    public Optional<UUID> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    /** The current tenant; a request without one cannot see any tenant's record, so it is a 404. */
    public UUID require() {
        if (tenantId == null) {
            throw new NoBusinessSelectedException();
        }
        return tenantId;
    }

    void enter(UUID tenant) {
        this.tenantId = tenant;
    }

    /** The signed-in person the request acts for (row-level security on {@code users}); none for jobs and webhooks. */
    Optional<UUID> userId() {
        return Optional.ofNullable(userId);
    }

    void enterUser(UUID user) {
        this.userId = user;
    }

    /** Whether the current transaction is shared by several businesses (plain SQL only: no Hibernate session). */
    boolean shared() {
        return shared;
    }

    void share(boolean shared) {
        this.shared = shared;
    }
}
