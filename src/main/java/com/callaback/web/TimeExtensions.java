package com.callaback.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How pages show moments: in the business's own time zone, readable at a glance. */
@TemplateExtension
public class TimeExtensions {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d, h:mm a", Locale.US);

    /** {@code {i.occurredAt.inZone(tenant.timezone)}} → "Nov 25, 6:11 AM". */
    static String inZone(Instant instant, String zone) {
        if (instant == null) {
            return "";
        }
        ZoneId id;
        try {
            id = ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            id = ZoneId.of("UTC");
        }
        return SHORT.format(instant.atZone(id));
    }
}
