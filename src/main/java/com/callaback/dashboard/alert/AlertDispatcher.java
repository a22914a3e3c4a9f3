package com.callaback.dashboard.alert;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantScope;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the alerts of new notifications outside the app. Each round claims notifications of any business with
 * {@code FOR UPDATE SKIP LOCKED} and a lease (any number of replicas may run), then per business: who gets what is
 * recorded in one transaction, the mails and texts go out with no transaction open, and each result is recorded.
 */
@ApplicationScoped
public class AlertDispatcher {

    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class);
    /** This replica's name on the notifications it claims. */
    static final String WORKER = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    @Inject
    EntityManager em;
    @Inject
    TenantScope tenantScope;
    @Inject
    AlertService alerts;
    @Inject
    Mailer mailer;
    @Inject
    TwilioGateway twilio;
    @Inject
    AlertConfig config;

    /** The first round waits for start-up to finish, so nothing is sent before the server listens. */
    @Scheduled(identity = "alert-dispatcher", every = "${callaback.alerts.every}", delayed = "${callaback.workers.start-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        deliverDue(WORKER);
    }

    /** One round for one worker; returns how many notifications it claimed (0 when nothing was due). */
    @ActivateRequestContext
    public int deliverDue(String worker) {
        @SuppressWarnings("unchecked")
        List<Object[]> claims = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select tenant_id, notification_id from claim_due_alerts(?1, ?2, ?3)")
                .setParameter(1, worker).setParameter(2, config.batchSize())
                .setParameter(3, (int) config.lease().toSeconds()).getResultList());
        Map<UUID, List<UUID>> byTenant = new LinkedHashMap<>();
        for (Object[] claim : claims) {
            byTenant.computeIfAbsent((UUID) claim[0], t -> new ArrayList<>()).add((UUID) claim[1]);
        }
        byTenant.forEach((tenantId, notificationIds) -> {
            try {
                deliver(tenantId, notificationIds, worker);
            } catch (RuntimeException e) {
                // Unless recorded as alerted, the claim runs out and a later round retries these notifications.
                LOG.errorf(e, "Alerts of business %s could not be prepared", tenantId);
            }
        });
        return claims.size();
    }

    private void deliver(UUID tenantId, List<UUID> notificationIds, String worker) {
        List<AlertService.Outgoing> outgoing = tenantScope.call(tenantId, () -> alerts.prepare(notificationIds, worker));
        for (AlertService.Outgoing alert : outgoing) {
            // Each alert on its own: a failure recording one must not keep the others of this business unsent.
            try {
                String failure = send(alert);
                tenantScope.run(tenantId, () -> alerts.recordResult(alert.deliveryId(), failure));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Alert %s of business %s: its result could not be recorded", alert.deliveryId(),
                        tenantId);
            }
        }
    }

    /** Sends one alert; answers null when it went out, or why it did not. */
    private String send(AlertService.Outgoing alert) {
        try {
            switch (alert.channel()) {
                case EMAIL -> mailer.send(Mail.withText(alert.to(), alert.message().subject(), alert.message().text()));
                case TEXT -> twilio.sendSms(alert.credentials(), alert.from(), alert.to(), alert.message().text(), null);
            }
            return null;
        } catch (RuntimeException e) {
            LOG.warnf("Alert %s by %s not sent: %s", alert.deliveryId(), alert.channel(), e.getMessage());
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
