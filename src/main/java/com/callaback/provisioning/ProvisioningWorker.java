package com.callaback.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.dashboard.Notification;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs provisioning and closing in the background. Businesses are claimed with {@code FOR UPDATE SKIP LOCKED}
 * and a lease, so replicas share the work and a crashed one's business is picked up again.
 */
@ApplicationScoped
public class ProvisioningWorker {

    private static final Logger LOG = Logger.getLogger(ProvisioningWorker.class);

    @Inject
    EntityManager em;
    @Inject
    ProvisioningService provisioning;
    @Inject
    BusinessClosing closing;
    @Inject
    TenantScope tenantScope;

    @Scheduled(identity = "provisioning", every = "${callaback.provisioning.every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        runDue();
    }

    /** One round; returns how many businesses it worked on. */
    @ActivateRequestContext
    public int runDue() {
        @SuppressWarnings("unchecked")
        List<Object[]> claimed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                update tenants t
                   set provisioning_status = case when t.provisioning_status = 'closing' then 'closing' else 'running' end,
                       provisioning_lease_until = now() + interval '5 minutes',
                       provisioning_attempts = t.provisioning_attempts + 1
                  from (select id from tenants
                         where provisioning_status = 'pending'
                            or (provisioning_status in ('running', 'closing')
                                and coalesce(provisioning_lease_until, '-infinity') < now())
                         order by updated_at
                         limit 5
                         for update skip locked) due
                 where t.id = due.id
                returning t.id, t.provisioning_status""").getResultList());
        for (Object[] row : claimed) {
            UUID tenantId = (UUID) row[0];
            if ("closing".equals(row[1])) {
                close(tenantId);
            } else {
                provision(tenantId);
            }
        }
        return claimed.size();
    }

    private void provision(UUID tenantId) {
        try {
            provisioning.provision(tenantId);
            finish(tenantId, "done", null);
        } catch (RuntimeException e) {
            if (e instanceof com.callaback.telephony.TwilioFailure) {
                LOG.warnf("Provisioning of %s failed: %s", tenantId, e.getMessage());
            } else {
                LOG.errorf(e, "Provisioning of %s failed", tenantId);
            }
            String step = QuarkusTransaction.requiringNew().call(() -> Tenant.<Tenant>findById(tenantId).provisioningStep);
            finish(tenantId, "failed", e.getMessage());
            tenantScope.run(tenantId, () -> Notification.raise("provisioning", "Setting up your number failed",
                    "Step " + step + ": " + e.getMessage() + " You can retry from Numbers.", "/settings/numbers"));
        }
    }

    private void close(UUID tenantId) {
        try {
            closing.close(tenantId);
            QuarkusTransaction.requiringNew().run(() -> {
                Tenant tenant = Tenant.findById(tenantId);
                tenant.status = "closed";
                tenant.provisioningStatus = "closed";
                tenant.provisioningError = null;
                tenant.provisioningLeaseUntil = null;
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Closing %s failed; it is retried", tenantId);
            QuarkusTransaction.requiringNew().run(() -> {
                Tenant tenant = Tenant.findById(tenantId);
                tenant.provisioningError = e.getMessage();
                tenant.provisioningLeaseUntil = Instant.now().plusSeconds(60);
            });
        }
    }

    /** Records the outcome, unless the business was meanwhile asked to close (closing wins). */
    private void finish(UUID tenantId, String status, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            Tenant tenant = em.find(Tenant.class, tenantId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (!"running".equals(tenant.provisioningStatus)) {
                return;
            }
            tenant.provisioningStatus = status;
            tenant.provisioningError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
            tenant.provisioningLeaseUntil = null;
            if ("done".equals(status)) {
                tenant.provisioningStep = null;
            }
        });
    }
}
