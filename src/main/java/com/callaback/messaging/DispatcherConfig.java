package com.callaback.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How texts go out beyond what every background job shares ({@code callaback.jobs}): the pace per sender number,
 * and when finished messages are asked about their price.
 */
@ConfigMapping(prefix = "callaback.dispatcher")
public interface DispatcherConfig {

    /**
     * Texts per second one sender number hands to Twilio, sustained. A US long code delivers about one segment
     * a second and Twilio queues what it accepts beyond that (up to four hours' worth, then error 30001), so this
     * is not the carrier rate: it keeps one busy number from filling that queue or taking a whole round from the
     * other businesses. Raise it for numbers with more registered (A2P 10DLC) throughput.
     */
    @WithDefault("10")
    double senderRate();

    /** Texts one sender number may hand over at once after a quiet spell (the bucket's size). */
    @WithDefault("50")
    int senderBurst();

    /**
     * Retryable failures in a row (Twilio's 5xx, 429, no answer) after which a subaccount counts as out of service:
     * its texts then wait for it without using up their attempts ({@link TwilioAvailability}).
     */
    @WithDefault("3")
    int outageThreshold();

    /** The first pause of a subaccount out of service; each further failure doubles it. */
    @WithDefault("2s")
    Duration outageFirstPause();

    /** The longest pause between two probes of a subaccount out of service. */
    @WithDefault("5m")
    Duration outageMaxPause();

    /** A text that has waited this long for its subaccount to be back in service fails for good instead. */
    @WithDefault("24h")
    Duration outageGiveUpAfter();

    /** How long after its last status a message is asked about its price (Twilio prices it shortly after). */
    @WithDefault("60s")
    Duration detailsDelay();
}
