package com.callaback.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.contacts.Interaction;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioFailure;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Fills price and segment count of finished texts by fetching each message from Twilio: status callbacks do not
 * carry them reliably, and usage billing counts segments.
 */
@ApplicationScoped
public class MessageDetailsFetcher {

    private static final Logger LOG = Logger.getLogger(MessageDetailsFetcher.class);

    @Inject
    EntityManager em;
    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    TwilioGateway twilio;
    @Inject
    DispatcherConfig config;

    private record Target(String messageSid, TwilioGateway.Credentials credentials) {
    }

    @Scheduled(identity = "message-details", every = "${callaback.dispatcher.details-every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        fetchDue((int) config.detailsDelay().toSeconds());
    }

    /** Fetches details of messages final for at least {@code minAgeSeconds}; returns how many were filled. */
    @ActivateRequestContext
    public int fetchDue(int minAgeSeconds) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select tenant_id, sms_metric_id from message_details_due(?1, ?2)")
                .setParameter(1, config.batchSize()).setParameter(2, minAgeSeconds).getResultList());
        int filled = 0;
        for (Object[] row : due) {
            try {
                filled += fetchOne((UUID) row[0], (UUID) row[1]) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Details of delivery record %s not fetched", row[1]);
            }
        }
        return filled;
    }

    private boolean fetchOne(UUID tenantId, UUID metricId) {
        Target target = tenantScope.call(tenantId, () -> {
            SmsMetric metric = SmsMetric.findById(metricId);
            UUID numberId = Interaction.findByMessageSid(metric.messageSid).map(i -> i.phoneNumberId).orElse(null);
            return new Target(metric.messageSid, credentials.forNumber(numberId));
        });
        if (target.credentials() == null) {
            // Nothing to ask Twilio with (the subaccount is gone): stop asking.
            tenantScope.run(tenantId, () -> SmsMetric.<SmsMetric>findById(metricId).detailsFetchedAt = Instant.now());
            return false;
        }
        try {
            TwilioGateway.MessageDetails details = twilio.fetchMessage(target.credentials(), target.messageSid());
            tenantScope.run(tenantId, () -> {
                SmsMetric metric = SmsMetric.findById(metricId);
                metric.segments = details.segments();
                metric.price = details.price() == null ? null : details.price().abs();
                metric.priceUnit = details.priceUnit();
                metric.detailsFetchedAt = Instant.now();
            });
            return true;
        } catch (TwilioFailure e) {
            LOG.warnf("Details of %s not fetched: %s", target.messageSid(), e.getMessage());
            if (!e.retryable()) {
                tenantScope.run(tenantId, () -> SmsMetric.<SmsMetric>findById(metricId).detailsFetchedAt = Instant.now());
            }
            return false;
        }
    }
}
