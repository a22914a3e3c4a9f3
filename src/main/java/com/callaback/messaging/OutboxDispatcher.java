package com.callaback.messaging;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.telephony.TwilioFailure;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due texts. Each round claims rows of any tenant with {@code FOR UPDATE SKIP LOCKED} and a lease (so any
 * number of replicas can run), then per row: guards and rendering in one transaction, the Twilio call outside
 * any transaction, and the result in another.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    /** This replica's name on the rows it claims. */
    static final String WORKER = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    @Inject
    EntityManager em;
    @Inject
    TenantScope tenantScope;
    @Inject
    OutboundTextService texts;
    @Inject
    TwilioGateway twilio;
    @Inject
    DispatcherConfig config;
    @Inject
    com.callaback.web.PlatformConfig platform;

    @Scheduled(identity = "outbox-dispatcher", every = "${callaback.dispatcher.every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        dispatchDue(WORKER);
    }

    /** One round for one worker; returns how many texts Twilio accepted. */
    @ActivateRequestContext
    public int dispatchDue(String worker) {
        @SuppressWarnings("unchecked")
        List<Object[]> claims = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select tenant_id, follow_up_id from claim_due_follow_ups(?1, ?2, ?3)")
                .setParameter(1, worker).setParameter(2, config.batchSize())
                .setParameter(3, (int) config.lease().toSeconds()).getResultList());
        int sent = 0;
        for (Object[] claim : claims) {
            try {
                sent += sendOne((UUID) claim[0], (UUID) claim[1], worker) ? 1 : 0;
            } catch (RuntimeException e) {
                // The row stays claimed; its lease runs out and a later round retries it.
                LOG.errorf(e, "Follow-up %s could not be processed", claim[1]);
            }
        }
        return sent;
    }

    private boolean sendOne(UUID tenantId, UUID followUpId, String worker) {
        OutboundTextService.Plan plan = tenantScope.call(tenantId, () -> texts.prepare(followUpId, worker));
        if (plan == null) {
            return false;
        }
        String messageSid;
        try {
            messageSid = twilio.sendSms(plan.credentials(), plan.from(), plan.to(), plan.body(),
                    java.net.URI.create(platform.publicBaseUrl() + "/api/twilio/status"));
        } catch (TwilioFailure failure) {
            LOG.warnf("Text %s not sent: %s (%s)", followUpId, failure.getMessage(), failure.errorCode());
            tenantScope.run(tenantId, () -> texts.recordFailure(followUpId, worker, failure));
            return false;
        }
        tenantScope.run(tenantId, () -> texts.recordSent(plan, messageSid));
        return true;
    }
}
