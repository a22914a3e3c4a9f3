package com.callaback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The token bucket per sender number, on a clock the test moves. */
class SenderPacingRulesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aNumberSendsItsBurstThenOneTokenAtATime() {
        SenderPacing pacing = new SenderPacing(2, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(pacing.take("+14155550100", 0)).isEmpty();
        }
        assertThat(pacing.take("+14155550100", 0)).contains(Duration.ofMillis(500));
        assertThat(pacing.take("+14155550100", SECOND)).isEmpty();
        assertThat(pacing.take("+14155550100", SECOND)).isEmpty();
        assertThat(pacing.take("+14155550100", SECOND)).isPresent();
    }

    @Test
    void textsHeldBackAreGivenTurnsOneTokenApart() {
        SenderPacing pacing = new SenderPacing(10, 1);
        assertThat(pacing.take("+14155550101", 0)).isEmpty();
        Optional<Duration> first = pacing.take("+14155550101", 0);
        Optional<Duration> second = pacing.take("+14155550101", 0);
        Optional<Duration> third = pacing.take("+14155550101", 0);
        assertThat(first).contains(Duration.ofMillis(100));
        assertThat(second).contains(Duration.ofMillis(200));
        assertThat(third).contains(Duration.ofMillis(300));
    }

    @Test
    void eachNumberHasItsOwnBucket() {
        SenderPacing pacing = new SenderPacing(1, 1);
        assertThat(pacing.take("+14155550102", 0)).isEmpty();
        assertThat(pacing.take("+14155550102", 0)).isPresent();
        assertThat(pacing.take("+14155550103", 0)).isEmpty();
    }
}
