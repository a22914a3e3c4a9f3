package com.callaback.api;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.followups.Backoff;
import com.callaback.jobs.JobClaim;
import com.callaback.jobs.JobsConfig;
import com.callaback.jobs.TenantJob;
import com.callaback.jobs.TenantJobRunner;
import com.callaback.security.SecretBinding;
import com.callaback.security.SecretCipher;

import io.quarkus.scheduler.Scheduled;

/**
 * Delivers outgoing webhooks as a tenant job: claims due deliveries of every business, reads each one's payload and
 * secret inside its business, POSTs it signed with no transaction open, and records the answer: 2xx is delivered;
 * anything else is retried with exponential backoff and jitter until the delivery's last attempt.
 */
@ApplicationScoped
public class WebhookDispatcher implements TenantJob<WebhookDispatcher.Outgoing, WebhookDispatcher.Result> {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** A receiver that is down for hours still gets its events: 12 attempts over roughly half a day to a day. */
    private static final Duration RETRY_BASE = Duration.ofMinutes(1);
    private static final Duration RETRY_CAP = Duration.ofHours(6);
    static final String WORKER = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    @Inject
    EntityManager em;
    @Inject
    TenantJobRunner runner;
    @Inject
    SecretCipher cipher;
    @Inject
    ApiConfig config;
    @Inject
    WebhookAddresses addresses;

    /** Redirects are never followed: a receiver could otherwise point a delivery at a private address. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** One delivery to make. */
    public record Outgoing(UUID id, String url, String secret, String event, String body) {
    }

    /** How it went: the receiver's status code (null if none came back) and the error, if any. */
    public record Result(UUID id, Integer statusCode, String error) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    @Scheduled(identity = "webhook-dispatcher", every = "${callaback.api.webhooks.every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        deliverDue(WORKER);
    }

    /** One round for one worker; returns how many deliveries reached their receiver. */
    public int deliverDue(String worker) {
        return runner.run(this, worker).done();
    }

    @Override
    public String name() {
        return "Webhooks";
    }

    @Override
    public JobsConfig.Job settings(JobsConfig jobs) {
        return config.webhooks();
    }

    @Override
    public List<JobClaim> claim(String worker, int batch, Duration lease) {
        return JobClaim.leased(em, "claim_due_webhook_deliveries", worker, batch, lease);
    }

    @Override
    public List<Outgoing> prepare(List<UUID> ids, String worker) {
        // An endpoint removed after the event: its claimed deliveries end here, with the reason.
        em.createNativeQuery("update webhook_deliveries d set status = 'failed', last_error = 'The endpoint was removed', "
                + "claimed_by = null, lease_expires_at = null from webhook_endpoints e "
                + "where e.tenant_id = d.tenant_id and e.id = d.endpoint_id and e.disabled_at is not null "
                + "and d.id = any(?1) and d.claimed_by = ?2")
                .setParameter(1, ids.toArray(UUID[]::new)).setParameter(2, worker).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select d.id, e.url, e.secret_encrypted, d.event_type, d.payload::text, "
                + "e.tenant_id, e.id "
                + "from webhook_deliveries d join webhook_endpoints e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id "
                + "where d.id = any(?1) and d.claimed_by = ?2 and d.status = 'sending' and e.disabled_at is null")
                .setParameter(1, ids.toArray(UUID[]::new)).setParameter(2, worker).getResultList();
        return rows.stream().map(r -> new Outgoing((UUID) r[0], (String) r[1], cipher.decrypt((String) r[2],
                SecretBinding.webhookSecret((UUID) r[5], (UUID) r[6])),
                (String) r[3], (String) r[4])).toList();
    }

    @Override
    public Result callOut(UUID tenantId, Outgoing delivery, String worker) {
        long now = Instant.now().getEpochSecond();
        URI url = URI.create(delivery.url());
        // Checked again at every delivery: the name may resolve to a private address since it was registered.
        String refusal = addresses.refusal(url.getHost());
        if (refusal != null) {
            return new Result(delivery.id(), null, "Not sent: " + refusal);
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.webhooks().timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Callaback-Webhooks/1")
                .header("Callaback-Event", delivery.event())
                .header("Callaback-Delivery", delivery.id().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(), now, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Result(delivery.id(), response.statusCode(),
                    response.statusCode() / 100 == 2 ? null : "The receiver answered " + response.statusCode());
        } catch (java.io.IOException e) {
            return new Result(delivery.id(), null, "Could not reach the receiver: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(delivery.id(), null, "Interrupted while delivering");
        }
    }

    @Override
    public int record(List<Result> results, String worker) {
        int delivered = 0;
        for (Result result : results) {
            WebhookDelivery row = WebhookDelivery.findById(result.id());
            if (row == null || !worker.equals(row.claimedBy)) {
                continue;
            }
            row.claimedBy = null;
            row.leaseExpiresAt = null;
            row.lastStatusCode = result.statusCode();
            row.lastError = result.error();
            if (result.delivered()) {
                row.status = "delivered";
                row.deliveredAt = Instant.now();
                delivered++;
            } else if (row.attempts >= row.maxAttempts) {
                row.status = "failed";
                LOG.warnf("Webhook delivery %s failed after %d attempts: %s", row.id, row.attempts, result.error());
            } else {
                row.status = "pending";
                row.nextAttemptAt = Instant.now().plus(Backoff.delayFor(row.attempts, RETRY_BASE, RETRY_CAP,
                        java.util.concurrent.ThreadLocalRandom.current()));
            }
        }
        return delivered;
    }
}
