package com.callaback.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessHoursTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    /** 2026-06-08 is a Monday. */
    private static ZonedDateTime at(String dayOfJune2026, String time) {
        return LocalDateTime.parse("2026-06-" + dayOfJune2026 + "T" + time).atZone(CHICAGO);
    }

    @ParameterizedTest
    @CsvSource({
            "08, 08:59:59, false", "08, 09:00, true", "08, 12:00, true", "08, 16:59:59.999, true",
            "08, 17:00, false", "12, 09:00, true", "13, 10:00, false", "14, 10:00, false", "08, 00:00, false" })
    void weekdaysNineToFiveStartInclusiveEndExclusive(String day, String time, boolean open) {
        assertThat(BusinessHours.weekdaysNineToFive().isOpen(at(day, time))).isEqualTo(open);
    }

    @Test
    void missingDaysAreClosedAndSingleRangeShapeWorks() {
        BusinessHours hours = BusinessHours.parse("{\"tue\":[\"10:00\",\"18:30\"]}");
        assertThat(hours.isOpen(at("09", "10:00"))).isTrue();
        assertThat(hours.isOpen(at("09", "18:29"))).isTrue();
        assertThat(hours.isOpen(at("09", "18:30"))).isFalse();
        assertThat(hours.isOpen(at("08", "12:00"))).isFalse();
        assertThat(hours.isOpen(at("10", "12:00"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "08:59, false", "09:00, true", "11:59, true", "12:00, false", "12:30, false", "13:00, true",
            "14:59, true", "15:00, false" })
    void severalRangesInADay(String time, boolean open) {
        BusinessHours hours = BusinessHours.parse(
                "{\"sat\":[[\"09:00\",\"12:00\"],[\"13:00\",\"15:00\"]], \"mon\":[\"09:00\",\"17:00\"]}");
        assertThat(hours.isOpen(at("13", time))).isEqualTo(open);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"sun\":[]}", "{\"sun\":null}", "{\"mon\":[\"09:00\",\"17:00\"]}" })
    void emptyOrNullDayIsClosed(String json) {
        BusinessHours hours = BusinessHours.parse(json);
        assertThat(hours.isOpen(at("14", "12:00"))).isFalse();
    }

    @Test
    void dayCanRunUntilMidnight() {
        BusinessHours hours = BusinessHours.parse("{\"fri\":[\"18:00\",\"24:00\"]}");
        assertThat(hours.isOpen(at("12", "23:59:59.999999999"))).isTrue();
        assertThat(hours.isOpen(at("13", "00:00"))).isFalse();
    }

    @Test
    void acceptsSingleDigitHoursAndUpperCaseDays() {
        BusinessHours hours = BusinessHours.parse("{\"MON\":[\"9:00\",\"17:00\"]}");
        assertThat(hours.isOpen(at("08", "09:00"))).isTrue();
    }

    @Test
    void judgesTheWallClockOfTheGivenTime() {
        ZonedDateTime nineInChicago = at("08", "09:00");
        ZonedDateTime sameInstantInLa = nineInChicago.withZoneSameInstant(ZoneId.of("America/Los_Angeles"));
        assertThat(BusinessHours.weekdaysNineToFive().isOpen(sameInstantInLa)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"mon\":[\"09:00\",\"17:00\"],\"funday\":[\"09:00\",\"17:00\"]} | funday",
            "{\"mon\":[\"9am\",\"17:00\"]}                                     | 9am",
            "{\"tue\":[\"09:00\",\"25:00\"]}                                   | 25:00",
            "{\"wed\":[\"09:60\",\"17:00\"]}                                   | 09:60",
            "{\"thu\":[\"24:00\",\"24:00\"]}                                   | 24:00",
            "{\"fri\":[\"17:00\",\"09:00\"]}                                   | fri range 17:00-09:00",
            "{\"fri\":[\"22:00\",\"02:00\"]}                                   | overnight",
            "{\"sat\":[\"09:00\",\"09:00\"]}                                   | must end after it starts",
            "{\"sat\":[[\"09:00\",\"12:00\"],[\"13:00\"]]}                     | sat range",
            "{\"sat\":[\"09:00\",\"12:00\",\"15:00\"]}                         | sat range",
            "{\"sun\":\"09:00-17:00\"}                                         | sun",
            "{\"mon\":[9,17]}                                                  | mon",
            "[\"09:00\",\"17:00\"]                                             | JSON object",
            "{\"mon\":[\"09:00\",\"17:00\"]                                    | not valid JSON" })
    void malformedInputNamesTheProblem(String json, String mentioned) {
        assertThatIllegalArgumentException().isThrownBy(() -> BusinessHours.parse(json))
                .withMessageContaining(mentioned);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "  " })
    void blankInputIsRejected(String json) {
        assertThatIllegalArgumentException().isThrownBy(() -> BusinessHours.parse(json));
    }
}
