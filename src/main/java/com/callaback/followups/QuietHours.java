package com.callaback.followups;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * A daily window, in the contact's local time, when no texts go out: from {@code start} (inclusive) until {@code end}
 * (exclusive). It usually wraps midnight (21:00-08:00) but may sit within a day (12:00-13:00); start == end means none.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Whether sending at this instant would fall inside the window, judged by the wall clock in {@code zone}. */
    public boolean isQuiet(Instant at, ZoneId zone) {
        return isQuiet(at.atZone(zone).toLocalTime());
    }

    /** {@code at} itself when sending is allowed, otherwise the first later instant at which the window has ended. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        ZonedDateTime now = at.atZone(zone);
        LocalTime time = now.toLocalTime();
        if (!isQuiet(time)) {
            return at;
        }
        boolean endsTomorrow = wrapsMidnight() && !time.isBefore(start);
        LocalDate endDate = endsTomorrow ? now.toLocalDate().plusDays(1) : now.toLocalDate();
        ZonedDateTime windowEnd = ZonedDateTime.of(LocalDateTime.of(endDate, end), zone);
        if (windowEnd.toInstant().isBefore(at)) {
            // During a fall-back overlap the earlier occurrence of the end time may already have passed.
            windowEnd = windowEnd.withLaterOffsetAtOverlap();
        }
        Instant candidate = windowEnd.toInstant();
        // A clock change can carry the wall clock out of the window before it reaches the end (or skip the end).
        ZoneRules rules = zone.getRules();
        for (ZoneOffsetTransition t = rules.nextTransition(at);
                t != null && t.getInstant().isBefore(candidate);
                t = rules.nextTransition(t.getInstant())) {
            if (!isQuiet(t.getInstant(), zone)) {
                return t.getInstant();
            }
        }
        return candidate;
    }

    private boolean isQuiet(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        boolean afterStart = !time.isBefore(start);
        boolean beforeEnd = time.isBefore(end);
        return wrapsMidnight() ? afterStart || beforeEnd : afterStart && beforeEnd;
    }

    private boolean wrapsMidnight() {
        return end.isBefore(start);
    }
}
