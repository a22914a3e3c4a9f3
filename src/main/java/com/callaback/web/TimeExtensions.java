package com.callaback.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How pages show moments: in the business's own time zone with the zone named, or relative to now. */
@TemplateExtension
public class TimeExtensions {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d, h:mm a z", Locale.US);

    /** {@code {i.occurredAt.inZone(tenant.timezone)}} → "Nov 25, 6:11 AM EST". */
    static String inZone(Instant instant, String zone) {
        if (instant == null) {
            return "";
        }
        return SHORT.format(instant.atZone(zoneOrUtc(zone)));
    }

    /** {@code {n.createdAt.ago}} → "just now", "3 min ago", "5 h ago", "2 days ago"; "in 4 min" for the future. */
    static String ago(Instant instant) {
        return relative(instant, Instant.now());
    }

    static String relative(Instant instant, Instant now) {
        if (instant == null) {
            return "";
        }
        Duration d = Duration.between(instant, now);
        boolean future = d.isNegative();
        long seconds = Math.abs(d.getSeconds());
        String amount;
        if (seconds < 60) {
            return future ? "in under a minute" : "just now";
        } else if (seconds < 3600) {
            amount = seconds / 60 + " min";
        } else if (seconds < 86_400) {
            amount = seconds / 3600 + " h";
        } else {
            long days = seconds / 86_400;
            amount = days + (days == 1 ? " day" : " days");
        }
        return future ? "in " + amount : amount + " ago";
    }

    static ZoneId zoneOrUtc(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }
}
