package com.callaback.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.telephony.TwilioFailure;

/**
 * Whether Twilio is taking texts for a subaccount, as this replica has seen it: after {@code outage-threshold}
 * retryable failures in a row (Twilio's 5xx, 429, or no answer) the subaccount is paused, for a time that doubles
 * with every further failure up to {@code outage-max-pause}. Its texts wait without using up their attempts, so an
 * outage of any length loses none; when the pause is over one text probes, and the first text Twilio accepts
 * ends the outage. A single text Twilio keeps refusing while others go through is not an outage: its failures
 * count as attempts and it fails for good after its last one.
 */
@ApplicationScoped
public class TwilioAvailability {

    private final Map<String, Outage> outages = new ConcurrentHashMap<>();
    private final int threshold;
    private final Duration firstPause;
    private final Duration maxPause;

    @Inject
    public TwilioAvailability(DispatcherConfig config) {
        this(config.outageThreshold(), config.outageFirstPause(), config.outageMaxPause());
    }

    TwilioAvailability(int threshold, Duration firstPause, Duration maxPause) {
        this.threshold = threshold;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
    }

    /**
     * Empty when a text of the subaccount may be sent now (always, unless paused; once paused, one probe at a time
     * after the pause); otherwise when to come back.
     */
    public Optional<Instant> waitFor(String accountSid) {
        Outage outage = outages.get(accountSid);
        return outage == null ? Optional.empty() : outage.waitFor(Instant.now());
    }

    /** Twilio accepted a text of the subaccount: any outage of it is over. */
    public void accepted(String accountSid) {
        outages.remove(accountSid);
    }

    /**
     * A text of the subaccount failed. Returns when to try it again if the subaccount is now paused (the text then
     * waits without the failure counting as an attempt); empty when the failure is the text's own to count.
     */
    public Optional<Instant> failed(String accountSid, TwilioFailure failure) {
        if (!failure.retryable()) {
            accepted(accountSid); // Twilio answered, and refused this text only: the subaccount is reachable
            return Optional.empty();
        }
        Outage outage = outages.computeIfAbsent(accountSid, sid -> new Outage());
        return outage.failed(Instant.now(), threshold, firstPause, maxPause);
    }

    /** Retryable failures of one subaccount in a row, and its pause; locked per subaccount. */
    private static final class Outage {
        /** A probe that never reported back (its text was not sent after all) stops holding the others after this. */
        private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

        private int failures;
        private Instant pausedUntil = Instant.MIN;
        private Instant probeStarted = Instant.MIN;

        synchronized Optional<Instant> waitFor(Instant now) {
            if (now.isBefore(pausedUntil)) {
                return Optional.of(pausedUntil);
            }
            if (pausedUntil.equals(Instant.MIN)) {
                return Optional.empty(); // failures so far, but not paused
            }
            if (now.isBefore(probeStarted.plus(PROBE_TIMEOUT))) {
                return Optional.of(now.plusSeconds(1));
            }
            probeStarted = now;
            return Optional.empty();
        }

        synchronized Optional<Instant> failed(Instant now, int threshold, Duration firstPause, Duration maxPause) {
            failures++;
            probeStarted = Instant.MIN;
            if (failures < threshold) {
                return Optional.empty();
            }
            long doublings = Math.min(failures - threshold, 30);
            Duration pause = firstPause.multipliedBy(1L << doublings);
            if (pause.compareTo(maxPause) > 0 || pause.isNegative()) {
                pause = maxPause;
            }
            Instant until = now.plus(pause);
            pausedUntil = until.isAfter(pausedUntil) ? until : pausedUntil;
            // The texts that waited come back spread over a tenth of the pause, not all in the same instant.
            long spread = Math.max(1, pause.toMillis() / 10);
            return Optional.of(pausedUntil.plusMillis(ThreadLocalRandom.current().nextLong(spread)));
        }
    }
}
