package com.callaback.tenant;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one way to run work as a given tenant when the tenant does not come from the signed-in user:
 * webhooks (dialled number), Stripe events (customer), scheduled jobs (the job row) and the seed loader.
 * The work runs in a new transaction whose Hibernate session and database connection both carry the tenant.
 */
@ApplicationScoped
public class TenantScope {

    @Inject
    TenantContext context;
    @Inject
    TenantSql sql;

    /**
     * Acts as the tenant for the rest of the current request: for a request authenticated by something other than
     * a signed-in user, such as a Twilio webhook whose signature was checked against the business's subaccount.
     */
    public void enterForRequest(UUID tenantId) {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenantId is required");
        }
        context.enter(tenantId);
    }

    public <T> T call(UUID tenantId, Supplier<T> work) {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenantId is required");
        }
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        try {
            UUID previous = context.tenantId().orElse(null);
            context.enter(tenantId);
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } finally {
                context.enter(previous);
            }
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    /**
     * Several businesses' plain SQL in one transaction, one business after another: before each business's work
     * the tenant is set for the transaction's next statements (row-level security) and in the context. For hot
     * background paths where a transaction per business would cost more than its work. The work uses
     * {@link TenantSql} only: a Hibernate session would carry one tenant into the next business's work, so none
     * can be opened here. If any business's work throws, the whole transaction rolls back.
     */
    public <T> Map<UUID, T> callEach(Collection<UUID> tenantIds, Function<UUID, T> work) {
        if (tenantIds.isEmpty() || tenantIds.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tenantIds are required");
        }
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        UUID previous = context.tenantId().orElse(null);
        try {
            // No tenant in the context when the connection is taken: each business sets its own, first business too.
            context.enter(null);
            context.share(true);
            return QuarkusTransaction.requiringNew().call(() -> {
                Map<UUID, T> results = new LinkedHashMap<>();
                for (UUID tenantId : tenantIds) {
                    context.enter(null);
                    sql.setTenant(tenantId);
                    context.enter(tenantId);
                    results.put(tenantId, work.apply(tenantId));
                }
                return results;
            });
        } finally {
            context.share(false);
            context.enter(previous);
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    public void run(UUID tenantId, Runnable work) {
        call(tenantId, () -> {
            work.run();
            return null;
        });
    }
}
