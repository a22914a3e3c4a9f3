package com.callaback.followups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuietHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private static final QuietHours LUNCH = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));

    private static Instant ny(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    }

    @ParameterizedTest
    @CsvSource({
            "2026-06-10T20:59:59, false", "2026-06-10T21:00, true", "2026-06-10T23:59, true",
            "2026-06-11T00:00, true", "2026-06-11T07:59:59, true", "2026-06-11T08:00, false",
            "2026-06-11T12:00, false" })
    void nightWindowWrapsMidnight(String local, boolean quiet) {
        assertThat(NIGHT.isQuiet(ny(local), NEW_YORK)).isEqualTo(quiet);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-06-10T22:00, 2026-06-11T08:00", "2026-06-11T03:00, 2026-06-11T08:00",
            "2026-06-10T21:00, 2026-06-11T08:00", "2026-06-11T07:59:59, 2026-06-11T08:00",
            "2026-12-31T23:30, 2027-01-01T08:00" })
    void nightWindowEndsAtEightLocal(String local, String expected) {
        assertThat(NIGHT.nextAllowed(ny(local), NEW_YORK)).isEqualTo(ny(expected));
    }

    @ParameterizedTest
    @CsvSource({ "2026-06-10T08:00", "2026-06-10T14:00", "2026-06-10T20:59:59.999" })
    void allowedTimeIsReturnedAsIs(String local) {
        assertThat(NIGHT.nextAllowed(ny(local), NEW_YORK)).isEqualTo(ny(local));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-06-10T11:59, false, 2026-06-10T11:59", "2026-06-10T12:00, true, 2026-06-10T13:00",
            "2026-06-10T12:45, true, 2026-06-10T13:00", "2026-06-10T13:00, false, 2026-06-10T13:00",
            "2026-06-10T23:00, false, 2026-06-10T23:00", "2026-06-10T02:00, false, 2026-06-10T02:00" })
    void sameDayWindow(String local, boolean quiet, String next) {
        assertThat(LUNCH.isQuiet(ny(local), NEW_YORK)).isEqualTo(quiet);
        assertThat(LUNCH.nextAllowed(ny(local), NEW_YORK)).isEqualTo(ny(next));
    }

    @Test
    void equalStartAndEndMeansNoQuietHours() {
        QuietHours none = new QuietHours(LocalTime.of(21, 0), LocalTime.of(21, 0));
        Instant at = ny("2026-06-10T21:00");
        assertThat(none.isQuiet(at, NEW_YORK)).isFalse();
        assertThat(none.nextAllowed(at, NEW_YORK)).isEqualTo(at);
    }

    @Test
    void zoneDecidesTheWallClock() {
        Instant noonUtc = Instant.parse("2026-06-10T12:00:00Z");
        assertThat(NIGHT.isQuiet(noonUtc, ZoneOffset.UTC)).isFalse();
        assertThat(NIGHT.isQuiet(noonUtc, ZoneId.of("Asia/Tokyo"))).isTrue(); // 21:00 in Tokyo
        assertThat(NIGHT.nextAllowed(noonUtc, ZoneId.of("Asia/Tokyo"))).isEqualTo(Instant.parse("2026-06-10T23:00:00Z"));
    }

    @Test
    void springForwardNightIsAnHourShorter() {
        Instant at = ny("2026-03-07T22:00");
        Instant next = NIGHT.nextAllowed(at, NEW_YORK);
        assertThat(next).isEqualTo(Instant.parse("2026-03-08T12:00:00Z")); // 08:00 EDT
        assertThat(Duration.between(at, next)).isEqualTo(Duration.ofHours(9));
    }

    @Test
    void endInsideTheSpringForwardGapIsTheMomentTheClockJumps() {
        QuietHours untilTwoThirty = new QuietHours(LocalTime.of(21, 0), LocalTime.of(2, 30));
        Instant next = untilTwoThirty.nextAllowed(ny("2026-03-07T23:00"), NEW_YORK);
        // 02:30 does not exist on 2026-03-08; at 07:00Z the clock goes from 01:59:59 EST to 03:00 EDT.
        assertThat(next).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(untilTwoThirty.isQuiet(next, NEW_YORK)).isFalse();
        assertThat(untilTwoThirty.isQuiet(next.minusSeconds(1), NEW_YORK)).isTrue();
    }

    @Test
    void fallBackNightIsAnHourLonger() {
        Instant at = ny("2026-10-31T22:00");
        Instant next = NIGHT.nextAllowed(at, NEW_YORK);
        assertThat(next).isEqualTo(Instant.parse("2026-11-01T13:00:00Z")); // 08:00 EST
        assertThat(Duration.between(at, next)).isEqualTo(Duration.ofHours(11));
    }

    @Test
    void endInsideTheFallBackOverlapUsesTheOccurrenceNotYetPassed() {
        QuietHours untilOneThirty = new QuietHours(LocalTime.of(21, 0), LocalTime.of(1, 30));
        // First pass through 01:xx is EDT (UTC-4), second is EST (UTC-5).
        Instant firstPass = Instant.parse("2026-11-01T05:10:00Z");
        Instant secondPass = Instant.parse("2026-11-01T06:10:00Z");
        assertThat(untilOneThirty.nextAllowed(firstPass, NEW_YORK)).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(untilOneThirty.isQuiet(secondPass, NEW_YORK)).isTrue();
        assertThat(untilOneThirty.nextAllowed(secondPass, NEW_YORK)).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
    }

    @Test
    void fallBackCanCarryTheClockOutOfTheWindowEarly() {
        QuietHours lateNight = new QuietHours(LocalTime.of(1, 30), LocalTime.of(3, 0));
        // At 06:00Z the clock falls from 01:59:59 EDT back to 01:00 EST, which is before the window.
        assertThat(lateNight.nextAllowed(Instant.parse("2026-11-01T05:45:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
    }

    @Test
    void nextAllowedMatchesAMinuteByMinuteWalkAroundDstChanges() {
        List<QuietHours> windows = List.of(NIGHT, LUNCH,
                new QuietHours(LocalTime.of(21, 0), LocalTime.of(2, 30)),
                new QuietHours(LocalTime.of(21, 0), LocalTime.of(1, 30)),
                new QuietHours(LocalTime.of(1, 30), LocalTime.of(3, 0)),
                new QuietHours(LocalTime.of(2, 15), LocalTime.of(2, 45)),
                new QuietHours(LocalTime.of(0, 0), LocalTime.of(2, 0)));
        for (String day : List.of("2026-03-07T00:00", "2026-10-31T00:00")) {
            Instant from = ny(day);
            Instant to = from.plus(Duration.ofDays(3));
            for (Instant at = from; at.isBefore(to); at = at.plus(Duration.ofMinutes(11))) {
                for (QuietHours window : windows) {
                    assertThat(window.nextAllowed(at, NEW_YORK))
                            .as("%s at %s", window, ZonedDateTime.ofInstant(at, NEW_YORK))
                            .isEqualTo(walk(window, at));
                }
            }
        }
    }

    /** Reference answer for minute-aligned instants: step a minute at a time until the window lets go. */
    private static Instant walk(QuietHours window, Instant at) {
        Instant t = at;
        while (window.isQuiet(t, NEW_YORK)) {
            t = t.plus(Duration.ofMinutes(1));
        }
        return t;
    }
}
