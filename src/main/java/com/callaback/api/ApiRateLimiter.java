package com.callaback.api;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A token bucket per API key, in this replica's memory: with several replicas a key gets the limit on each, which
 * bounds the load each one takes (the point of the limit) without a shared store on every request.
 */
@ApplicationScoped
public class ApiRateLimiter {

    private static final int MAX_KEYS = 100_000;

    @Inject
    ApiConfig config;

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    /** Zero if the request may go ahead; otherwise the whole seconds to wait before the next one will. */
    public long take(UUID apiKeyId) {
        if (buckets.size() > MAX_KEYS) {
            // Keys are few per business; this only bounds memory against a flood of distinct keys.
            buckets.clear();
        }
        ApiConfig.RateLimit limit = config.rateLimit();
        return buckets.computeIfAbsent(apiKeyId, id -> new Bucket(limit.burst()))
                .take(limit.burst(), limit.perMinute() / 60_000_000_000.0, System.nanoTime());
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int burst) {
            this.tokens = burst;
        }

        synchronized long take(int burst, double tokensPerNano, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano / 1_000_000_000.0));
        }
    }
}
