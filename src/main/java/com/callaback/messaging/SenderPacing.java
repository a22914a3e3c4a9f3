package com.callaback.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Paces texts per sender number on this replica: a token bucket per number ({@code sender-rate} a second, up to
 * {@code sender-burst} at once). A text whose number has no token left waits for a later round.
 */
@ApplicationScoped
public class SenderPacing {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double ratePerNano;
    private final int burst;

    @Inject
    public SenderPacing(DispatcherConfig config) {
        this.ratePerNano = config.senderRate() / 1e9;
        this.burst = config.senderBurst();
    }

    /** Takes a token of the number: empty when it may send now, else how long until it may. */
    public java.util.Optional<Duration> take(String sender) {
        long waitNanos = buckets.computeIfAbsent(sender, s -> new Bucket(burst, System.nanoTime()))
                .take(System.nanoTime(), ratePerNano, burst);
        return waitNanos == 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(waitNanos));
    }

    /** Tokens of one number; synchronized per number, so senders do not contend with each other. */
    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized long take(long now, double ratePerNano, int burst) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano));
        }
    }
}
