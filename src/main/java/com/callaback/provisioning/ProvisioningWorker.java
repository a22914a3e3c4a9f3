package com.callaback.provisioning;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.callaback.dashboard.Notification;
import com.callaback.jobs.JobClaim;
import com.callaback.jobs.JobsConfig;
import com.callaback.jobs.TenantJob;
import com.callaback.jobs.TenantJobRunner;
import com.callaback.telephony.TwilioFailure;
import com.callaback.tenant.Tenant;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs provisioning and closing in the background, as a {@link TenantJob}: businesses are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease (claim_due_provisioning), so replicas share the work and a crashed
 * one's business is picked up again. The Twilio steps run with no transaction open; the outcome is recorded in
 * the business.
 */
@ApplicationScoped
public class ProvisioningWorker implements TenantJob<ProvisioningWorker.Task, ProvisioningWorker.Outcome> {

    private static final Logger LOG = Logger.getLogger(ProvisioningWorker.class);
    /** This replica's name on the businesses it claims. */
    static final String WORKER = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    @Inject
    EntityManager em;
    @Inject
    TenantJobRunner runner;
    @Inject
    ProvisioningService provisioning;
    @Inject
    BusinessClosing closing;

    /** One claimed business: set it up, or close it. */
    public record Task(UUID tenantId, boolean closing) {
    }

    /** How it went: null error when it succeeded. */
    public record Outcome(Task task, RuntimeException error) {
    }

    @Scheduled(identity = "provisioning", every = "${callaback.jobs.provisioning.every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        runDue();
    }

    /** One round; returns how many businesses it worked on. */
    public int runDue() {
        return runner.run(this, WORKER).claimed();
    }

    @Override
    public String name() {
        return "Provisioning";
    }

    @Override
    public JobsConfig.Job settings(JobsConfig config) {
        return config.provisioning();
    }

    @Override
    public List<JobClaim> claim(String worker, int batch, Duration lease) {
        return JobClaim.leased(em, "claim_due_provisioning", worker, batch, lease);
    }

    @Override
    public List<Task> prepare(List<UUID> ids, String worker) {
        return ids.stream().map(id -> new Task(id, "closing".equals(Tenant.<Tenant>findById(id).provisioningStatus)))
                .toList();
    }

    @Override
    public Outcome callOut(UUID tenantId, Task task, String worker) {
        try {
            if (task.closing()) {
                closing.close(tenantId);
            } else {
                provisioning.provision(tenantId);
            }
            return new Outcome(task, null);
        } catch (RuntimeException e) {
            if (task.closing()) {
                LOG.warnf(e, "Closing %s failed; it is retried", tenantId);
            } else if (e instanceof TwilioFailure) {
                LOG.warnf("Provisioning of %s failed: %s", tenantId, e.getMessage());
            } else {
                LOG.errorf(e, "Provisioning of %s failed", tenantId);
            }
            return new Outcome(task, e);
        }
    }

    @Override
    public int record(List<Outcome> outcomes, String worker) {
        outcomes.forEach(outcome -> {
            // Locked: a request to close the business meanwhile either waits for this or wins.
            Tenant tenant = em.find(Tenant.class, outcome.task().tenantId(), LockModeType.PESSIMISTIC_WRITE);
            if (outcome.task().closing()) {
                recordClosing(tenant, outcome.error());
            } else {
                recordProvisioning(tenant, outcome.error());
            }
        });
        return outcomes.size();
    }

    private static void recordClosing(Tenant tenant, RuntimeException error) {
        if (error == null) {
            tenant.status = "closed";
            tenant.provisioningStatus = "closed";
            tenant.provisioningError = null;
            tenant.provisioningLeaseUntil = null;
        } else {
            tenant.provisioningError = error.getMessage();
            tenant.provisioningLeaseUntil = Instant.now().plusSeconds(60);
        }
    }

    /** Records the outcome, unless the business was meanwhile asked to close (closing wins); a failure is told. */
    private static void recordProvisioning(Tenant tenant, RuntimeException error) {
        String message = error == null ? null : error.getMessage();
        if (error != null) {
            Notification.raise("provisioning", "Setting up your number failed",
                    "Step " + tenant.provisioningStep + ": " + message + " You can retry from Numbers.",
                    "/settings/numbers");
        }
        if (!"running".equals(tenant.provisioningStatus)) {
            return;
        }
        tenant.provisioningStatus = error == null ? "done" : "failed";
        tenant.provisioningError = message == null ? null : message.length() > 500 ? message.substring(0, 500) : message;
        tenant.provisioningLeaseUntil = null;
        if (error == null) {
            tenant.provisioningStep = null;
        }
    }
}
