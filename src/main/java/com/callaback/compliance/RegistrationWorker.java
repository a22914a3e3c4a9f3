package com.callaback.compliance;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.jobs.JobClaim;
import com.callaback.jobs.JobsConfig;
import com.callaback.jobs.TenantJob;
import com.callaback.jobs.TenantJobRunner;

import io.quarkus.scheduler.Scheduled;

/**
 * Moves registrations on in the background, as a {@link TenantJob}: resumes submissions that stopped at a step
 * and reads the reviews of submitted ones on a schedule (claim_due_registrations, with a lease).
 */
@ApplicationScoped
public class RegistrationWorker implements TenantJob<UUID, RegistrationWorker.Outcome> {

    static final String WORKER = ManagementFactory.getRuntimeMXBean().getName() + "/registrations/" + UUID.randomUUID();

    @Inject
    EntityManager em;
    @Inject
    TenantJobRunner runner;
    @Inject
    RegistrationSteps steps;
    @Inject
    RegistrationService registrations;
    @Inject
    ComplianceConfig config;

    /** What one round at Twilio came to: progress, or the error that stopped it. */
    public record Outcome(UUID tenantId, UUID registrationId, RegistrationSteps.Progress progress,
            RuntimeException error) {
    }

    @Scheduled(identity = "texting-registrations", every = "${callaback.compliance.job.every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        runDue();
    }

    /** One round; returns how many registrations it worked on. */
    public int runDue() {
        return runner.run(this, WORKER).claimed();
    }

    @Override
    public String name() {
        return "Texting registrations";
    }

    @Override
    public JobsConfig.Job settings(JobsConfig jobs) {
        return config.job();
    }

    @Override
    public List<JobClaim> claim(String worker, int batch, Duration lease) {
        return JobClaim.leased(em, "claim_due_registrations", worker, batch, lease);
    }

    @Override
    public List<UUID> prepare(List<UUID> ids, String worker) {
        return ids;
    }

    @Override
    public Outcome callOut(UUID tenantId, UUID registrationId, String worker) {
        try {
            return new Outcome(tenantId, registrationId, steps.advance(tenantId, registrationId), null);
        } catch (RuntimeException e) {
            return new Outcome(tenantId, registrationId, null, e);
        }
    }

    @Override
    public int record(List<Outcome> outcomes, String worker) {
        outcomes.forEach(o -> registrations.record(o.tenantId(), o.registrationId(), worker, o.progress(), o.error()));
        return outcomes.size();
    }
}
