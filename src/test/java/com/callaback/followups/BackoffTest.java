package com.callaback.followups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(30);
    private static final Duration CAP = Duration.ofHours(1);

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 3, 5, 8, 9, 30, 62, 63, 64, 1_000, Integer.MAX_VALUE })
    void staysWithinFloorAndExponentialCeiling(int attempt) {
        Random random = new Random(42);
        Duration ceiling = attempt > 20 ? CAP : min(CAP, BASE.multipliedBy(1L << (attempt - 1)));
        for (int i = 0; i < 5_000; i++) {
            Duration delay = Backoff.delayFor(attempt, BASE, CAP, random);
            assertThat(delay).isBetween(Duration.ofSeconds(1), ceiling);
        }
    }

    @Test
    void jitterSpreadsAcrossTheWholeRange() {
        Random random = new Random(7);
        Duration ceiling = Duration.ofMinutes(4); // attempt 4: 30s * 8
        Duration smallest = ceiling;
        Duration largest = Duration.ZERO;
        long totalMillis = 0;
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            Duration delay = Backoff.delayFor(4, BASE, CAP, random);
            smallest = min(smallest, delay);
            largest = delay.compareTo(largest) > 0 ? delay : largest;
            totalMillis += delay.toMillis();
        }
        assertThat(smallest).isLessThan(Duration.ofSeconds(5));
        assertThat(largest).isGreaterThan(ceiling.minusSeconds(5));
        assertThat(totalMillis / draws).isBetween(110_000L, 130_000L); // uniform mean is 120s
    }

    @Test
    void hugeAttemptsAreCappedNotOverflowed() {
        Random random = new Random(1);
        Duration tinyCap = Duration.ofSeconds(10);
        for (int i = 0; i < 1_000; i++) {
            assertThat(Backoff.delayFor(Integer.MAX_VALUE, Duration.ofDays(365_000), tinyCap, random))
                    .isBetween(Duration.ofSeconds(1), tinyCap);
        }
    }

    @Test
    void zeroDrawIsRaisedToTheFloor() {
        Random alwaysZero = new Random() {
            @Override
            public long nextLong(long bound) {
                return 0;
            }
        };
        assertThat(Backoff.delayFor(1, BASE, CAP, alwaysZero)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void defaultsUseThirtySecondBaseAndOneHourCap() {
        for (int i = 0; i < 2_000; i++) {
            assertThat(Backoff.delayFor(1)).isBetween(Duration.ofSeconds(1), BASE);
            assertThat(Backoff.delayFor(50)).isBetween(Duration.ofSeconds(1), CAP);
        }
    }

    @Test
    void rejectsNonsense() {
        Random random = new Random(0);
        assertThatIllegalArgumentException().isThrownBy(() -> Backoff.delayFor(0, BASE, CAP, random));
        assertThatIllegalArgumentException().isThrownBy(() -> Backoff.delayFor(-3));
        assertThatIllegalArgumentException().isThrownBy(() -> Backoff.delayFor(1, Duration.ZERO, CAP, random));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.delayFor(1, BASE, Duration.ofMillis(500), random));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
