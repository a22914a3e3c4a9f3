package com.callaback.dashboard.alert;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.jobs.JobClaim;
import com.callaback.jobs.JobsConfig;
import com.callaback.jobs.TenantJob;
import com.callaback.jobs.TenantJobRunner;
import com.callaback.telephony.TwilioGateway;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the alerts of new notifications outside the app, as a {@link TenantJob}: claims notifications of any
 * business with {@code FOR UPDATE SKIP LOCKED} and a lease (any number of replicas may run), records who gets what
 * in one transaction per business, sends the mails and texts with no transaction open, and records the results.
 */
@ApplicationScoped
public class AlertDispatcher implements TenantJob<AlertService.Outgoing, AlertDispatcher.Result> {

    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class);
    /** This replica's name on the notifications it claims. */
    static final String WORKER = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    @Inject
    EntityManager em;
    @Inject
    TenantJobRunner runner;
    @Inject
    AlertService alerts;
    @Inject
    Mailer mailer;
    @Inject
    TwilioGateway twilio;

    /** How one alert went: null failure when it went out. */
    public record Result(UUID deliveryId, String failure) {
    }

    /** The first round waits for start-up to finish, so nothing is sent before the server listens. */
    @Scheduled(identity = "alert-dispatcher", every = "${callaback.jobs.alerts.every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        deliverDue(WORKER);
    }

    /** One round for one worker; returns how many notifications it claimed (0 when nothing was due). */
    public int deliverDue(String worker) {
        return runner.run(this, worker).claimed();
    }

    @Override
    public String name() {
        return "Alerts";
    }

    @Override
    public JobsConfig.Job settings(JobsConfig config) {
        return config.alerts();
    }

    @Override
    public List<JobClaim> claim(String worker, int batch, Duration lease) {
        return JobClaim.leased(em, "claim_due_alerts", worker, batch, lease);
    }

    /** One batch a round: a person gets at most one message per round, with everything new in it. */
    @Override
    public boolean keepsClaiming() {
        return false;
    }

    @Override
    public List<AlertService.Outgoing> prepare(List<UUID> notificationIds, String worker) {
        return alerts.prepare(notificationIds, worker);
    }

    /** Sends one alert; its result says why it did not go out, if it did not. */
    @Override
    public Result callOut(UUID tenantId, AlertService.Outgoing alert, String worker) {
        try {
            switch (alert.channel()) {
                case EMAIL -> mailer.send(Mail.withText(alert.to(), alert.message().subject(), alert.message().text()));
                case TEXT -> twilio.sendSms(alert.credentials(), alert.from(), alert.to(), alert.message().text(), null);
            }
            return new Result(alert.deliveryId(), null);
        } catch (RuntimeException e) {
            LOG.warnf("Alert %s by %s not sent: %s", alert.deliveryId(), alert.channel(), e.getMessage());
            return new Result(alert.deliveryId(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    @Override
    public int record(List<Result> results, String worker) {
        results.forEach(result -> alerts.recordResult(result.deliveryId(), result.failure()));
        return results.size();
    }
}
