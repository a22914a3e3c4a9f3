package com.callaback.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Paces texts per sender number on this replica: a token bucket per number ({@code sender-rate} a second, up to
 * {@code sender-burst} at once). A text whose number has no token left is told when to come back; those told are
 * spread one token apart, so a long backlog comes back a little at a time instead of all at once, every round.
 */
@ApplicationScoped
public class SenderPacing {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double ratePerNano;
    private final int burst;

    @Inject
    public SenderPacing(DispatcherConfig config) {
        this(config.senderRate(), config.senderBurst());
    }

    SenderPacing(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    /** Takes a token of the number: empty when it may send now, else how long until its turn. */
    public Optional<Duration> take(String sender) {
        return take(sender, System.nanoTime());
    }

    Optional<Duration> take(String sender, long nowNanos) {
        long wait = buckets.computeIfAbsent(sender, s -> new Bucket(burst, nowNanos)).take(nowNanos, ratePerNano, burst);
        return wait == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
    }

    /** Tokens of one number, and the next turn handed to a text that found none; locked per number. */
    private static final class Bucket {
        private double tokens;
        private long refilledAt;
        private long nextTurn;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
            this.nextTurn = now;
        }

        synchronized long take(long now, double ratePerNano, int burst) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            long interval = (long) Math.ceil(1 / ratePerNano);
            long turn = Math.max(nextTurn, now + (long) Math.ceil((1 - tokens) / ratePerNano));
            nextTurn = turn + interval;
            return turn - now;
        }
    }
}
