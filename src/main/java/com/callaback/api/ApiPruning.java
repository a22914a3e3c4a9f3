package com.callaback.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes, for every business at once, webhook deliveries finished (delivered, or failed for good) longer ago than
 * {@code callaback.api.webhooks.keep-finished}, and the API's rate-limit windows older than a few minutes.
 * Deliveries still pending or being sent are never touched, however old.
 */
@ApplicationScoped
public class ApiPruning {

    @Inject
    ApiConfig config;
    @Inject
    EntityManager em;

    /** What one round deleted. */
    public record Pruned(int deliveries, int windows) {
    }

    @Scheduled(identity = "api-pruning", every = "${callaback.api.webhooks.purge-every:1h}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        prune();
    }

    public Pruned prune() {
        int keepSeconds = (int) Math.min(Integer.MAX_VALUE, config.webhooks().keepFinished().toSeconds());
        return QuarkusTransaction.requiringNew().call(() -> new Pruned(
                ((Number) em.createNativeQuery("select purge_webhook_deliveries(?1)").setParameter(1, keepSeconds)
                        .getSingleResult()).intValue(),
                ((Number) em.createNativeQuery("select prune_api_request_windows()").getSingleResult()).intValue()));
    }
}
