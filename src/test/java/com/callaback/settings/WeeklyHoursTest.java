package com.callaback.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.callaback.telephony.BusinessHours;
import com.callaback.web.FieldErrors;

/** The weekly hours form reads and writes the JSON the call flow reads, keeping breaks it cannot show. */
class WeeklyHoursTest {

    private static final String SPLIT = "{\"mon\":[[\"09:00\",\"12:00\"],[\"13:00\",\"17:00\"]],\"tue\":[\"09:00\",\"17:00\"]}";

    @Test
    void readsEachDayWithClosedDaysUnticked() {
        List<WeeklyHours.Day> days = WeeklyHours.fromJson(SPLIT);
        assertThat(days).extracting(WeeklyHours.Day::key).containsExactly("mon", "tue", "wed", "thu", "fri", "sat",
                "sun");
        assertThat(days.get(0)).isEqualTo(new WeeklyHours.Day("mon", "Monday", true, "09:00", "17:00"));
        assertThat(days.get(2).open()).isFalse();
    }

    @Test
    void anUnchangedDayKeepsItsBreakAndAChangedOneIsWrittenInTheStoredFormat() {
        FieldErrors errors = new FieldErrors();
        String json = WeeklyHours.toJson(WeeklyHours.fromForm(List.of("mon", "tue", "sat"),
                List.of("09:00", "8:00", "", "", "", "10:00", ""), List.of("17:00", "16:30", "", "", "", "24:00", "")),
                SPLIT, errors);
        assertThat(errors.isEmpty()).isTrue();
        assertThat(json).isEqualTo("{\"mon\":[[\"09:00\",\"12:00\"],[\"13:00\",\"17:00\"]],"
                + "\"tue\":[\"08:00\",\"16:30\"],\"sat\":[\"10:00\",\"24:00\"]}");
        BusinessHours hours = BusinessHours.parse(json);
        ZoneId zone = ZoneId.of("America/New_York");
        assertThat(hours.isOpen(ZonedDateTime.of(2026, 11, 23, 12, 30, 0, 0, zone))).as("Monday lunch").isFalse();
        assertThat(hours.isOpen(ZonedDateTime.of(2026, 11, 28, 23, 59, 0, 0, zone))).as("Saturday late").isTrue();
    }

    @Test
    void badTimesAreReportedPerDay() {
        FieldErrors errors = new FieldErrors();
        WeeklyHours.toJson(WeeklyHours.fromForm(List.of("wed", "thu"), List.of("", "", "25:00", "12:00", "", "", ""),
                List.of("", "", "17:00", "11:00", "", "", "")), "{}", errors);
        assertThat(errors.of("hours.wed")).startsWith("Wednesday: enter opening and closing times as HH:MM");
        assertThat(errors.of("hours.thu")).isEqualTo("Thursday: the closing time must be after the opening time.");
    }

    @Test
    void previewCountsSegmentsForTheStandardAlphabetAndForUnicode() {
        assertThat(TextPreview.of("a".repeat(160)).segments()).isOne();
        assertThat(TextPreview.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(TextPreview.of("[".repeat(80)).segments()).as("extended characters take two").isOne();
        assertThat(TextPreview.of("[".repeat(81)).segments()).isEqualTo(2);
        TextPreview unicode = TextPreview.of("ü€ 🙂" + "b".repeat(66));
        assertThat(unicode.unicode()).isTrue();
        assertThat(unicode.segments()).isEqualTo(2);
        assertThat(TextPreview.of("").segments()).isZero();
    }
}
