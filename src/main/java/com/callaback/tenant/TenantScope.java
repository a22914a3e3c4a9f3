package com.callaback.tenant;

import java.util.UUID;
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

    public void run(UUID tenantId, Runnable work) {
        call(tenantId, () -> {
            work.run();
            return null;
        });
    }
}
