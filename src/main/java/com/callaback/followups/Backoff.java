package com.callaback.followups;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** Retry delays: exponential backoff with full jitter, capped, and never shorter than a second. */
public final class Backoff {

    public static final Duration DEFAULT_BASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CAP = Duration.ofHours(1);
    /** A retry is never immediate, even when the jitter draws zero. */
    public static final Duration FLOOR = Duration.ofSeconds(1);

    private Backoff() {
    }

    /** The delay before retry number {@code attempt} (1-based) with a 30 s base and a 1 h cap. */
    public static Duration delayFor(int attempt) {
        return delayFor(attempt, DEFAULT_BASE, DEFAULT_CAP, ThreadLocalRandom.current());
    }

    /**
     * Uniform in [0, min(cap, base * 2^(attempt-1))] at millisecond precision, then raised to at least one second.
     *
     * @throws IllegalArgumentException when attempt &lt; 1, base is not positive, or cap is below one second
     */
    public static Duration delayFor(int attempt, Duration base, Duration cap, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
        if (base.isZero() || base.isNegative()) {
            throw new IllegalArgumentException("base must be positive, got " + base);
        }
        if (cap.compareTo(FLOOR) < 0) {
            throw new IllegalArgumentException("cap must be at least " + FLOOR + ", got " + cap);
        }
        long capMillis = cap.toMillis();
        long ceiling = Math.min(capMillis, exponential(base.toMillis(), attempt - 1, capMillis));
        long drawn = random.nextLong(ceiling + 1);
        return Duration.ofMillis(Math.max(FLOOR.toMillis(), drawn));
    }

    /** base * 2^shift, or {@code limit} as soon as it would exceed it, so large attempts cannot overflow. */
    private static long exponential(long base, int shift, long limit) {
        if (shift >= Long.SIZE - 1 || base > (limit >> shift)) {
            return limit;
        }
        return base << shift;
    }
}
