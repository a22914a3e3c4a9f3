package com.callaback.messaging;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.jobs.JobClaim;
import com.callaback.jobs.JobsConfig;
import com.callaback.jobs.TenantJob;
import com.callaback.jobs.TenantJobRunner;
import com.callaback.telephony.TwilioFailure;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantScope;
import com.callaback.web.PlatformConfig;

import io.quarkus.scheduler.Scheduled;

/**
 * Sends due texts, as a {@link TenantJob}: claims rows of any business with {@code FOR UPDATE SKIP LOCKED} and a
 * lease (so any number of replicas can run), prepares the batch (businesses whose texts all go out as they are
 * share one transaction, the others get their own), sends concurrently with no transaction open, paced per sender
 * number and held back while Twilio is out of service for the subaccount, and records the results the same way.
 */
@ApplicationScoped
public class OutboxDispatcher implements TenantJob<OutboundTextService.Plan, TextOutcomes.Outcome> {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    /** This replica's name on the rows it claims. */
    static final String WORKER = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    @Inject
    EntityManager em;
    @Inject
    TenantJobRunner runner;
    @Inject
    TenantScope tenantScope;
    @Inject
    OutboundTextService texts;
    @Inject
    TextOutcomes outcomes;
    @Inject
    SenderPacing pacing;
    @Inject
    TwilioGateway twilio;
    @Inject
    PlatformConfig platform;
    @Inject
    TwilioAvailability availability;

    @Scheduled(identity = "outbox-dispatcher", every = "${callaback.jobs.outbox.every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        dispatchDue(WORKER);
    }

    /** One round for one worker, claiming while full batches come back; returns how many texts Twilio accepted. */
    public int dispatchDue(String worker) {
        return runner.run(this, worker).done();
    }

    @Override
    public String name() {
        return "Outbox";
    }

    @Override
    public JobsConfig.Job settings(JobsConfig config) {
        return config.outbox();
    }

    @Override
    public List<JobClaim> claim(String worker, int batch, Duration lease) {
        return JobClaim.leased(em, "claim_due_follow_ups", worker, batch, lease);
    }

    @Override
    public List<OutboundTextService.Plan> prepare(List<UUID> ids, String worker) {
        return texts.prepare(ids, worker);
    }

    @Override
    public boolean sharesTransactions() {
        return true;
    }

    @Override
    public List<OutboundTextService.Plan> prepareShared(List<UUID> ids, String worker) {
        return texts.prepareIfAllSend(ids, worker);
    }

    @Override
    public TenantJob.Recorded<TextOutcomes.Outcome> recordShared(List<TextOutcomes.Outcome> results, String worker) {
        return outcomes.recordSent(results);
    }

    @Override
    public TextOutcomes.Outcome callOut(UUID tenantId, OutboundTextService.Plan plan, String worker) {
        if (runner.stopping()) {
            // This replica is shutting down: the text goes back to the queue now, for another replica.
            return new TextOutcomes.Paced(plan, Instant.now());
        }
        Optional<Duration> wait = pacing.take(plan.from());
        if (wait.isPresent()) {
            // Its turn, and at least a second away: it waits for a later round rather than this one's next claim.
            return new TextOutcomes.Paced(plan, Instant.now().plus(max(wait.get(), Duration.ofSeconds(1))));
        }
        Duration lease = runner.leaseOf(this);
        if (plan.leaseExpiresAt().minus(lease.dividedBy(2)).isBefore(Instant.now())
                && tenantScope.call(tenantId, () -> texts.renewLeases(List.of(plan.followUpId()), worker, lease))
                        .isEmpty()) {
            return null; // waited so long that another worker took the row over: it sends it
        }
        String account = plan.credentials().accountSid();
        Optional<Instant> outage = availability.waitFor(account);
        if (outage.isPresent()) {
            return new TextOutcomes.Deferred(plan, outage.get(), null);
        }
        try {
            if (plan.resumedSince() != null) {
                List<String> candidates = twilio.findSent(plan.credentials(), plan.from(), plan.to(), plan.body(),
                        plan.resumedSince().minus(Duration.ofMinutes(1)));
                // A text recorded already (the team sent the same words since) is another text's, not this one.
                Optional<String> sentBefore = candidates.isEmpty() ? Optional.empty()
                        : tenantScope.call(tenantId, () -> texts.firstUnrecorded(candidates));
                if (sentBefore.isPresent()) {
                    LOG.infof("Text %s was sent by a worker that stopped before recording it: recorded, not resent",
                            plan.followUpId());
                    availability.accepted(account);
                    return new TextOutcomes.Sent(plan, sentBefore.get());
                }
            }
            String messageSid = twilio.sendSms(plan.credentials(), plan.from(), plan.to(), plan.body(),
                    URI.create(platform.publicBaseUrl() + "/api/twilio/status"), plan.messagingServiceSid());
            availability.accepted(account);
            return new TextOutcomes.Sent(plan, messageSid);
        } catch (TwilioFailure failure) {
            LOG.warnf("Text %s not sent: %s (%s)", plan.followUpId(), failure.getMessage(), failure.errorCode());
            Optional<Instant> paused = availability.failed(account, failure);
            return paused.<TextOutcomes.Outcome>map(at -> new TextOutcomes.Deferred(plan, at, failure))
                    .orElseGet(() -> new TextOutcomes.Refused(plan, failure));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int record(List<TextOutcomes.Outcome> results, String worker) {
        return outcomes.record(results, worker);
    }
}
