package com.callaback.telephony;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A tenant's weekly opening hours, parsed from the JSON stored on the tenant, in the business's own time zone. */
public final class BusinessHours {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    private static final long END_OF_DAY = 24 * 60 * NANOS_PER_MINUTE;
    private static final Map<String, DayOfWeek> DAYS = Map.of(
            "mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY, "wed", DayOfWeek.WEDNESDAY,
            "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    /** Nanos of day, start inclusive and end exclusive; end may be 24:00 so a day can run to midnight. */
    private record Window(long start, long end) {
        boolean contains(long nanoOfDay) {
            return nanoOfDay >= start && nanoOfDay < end;
        }
    }

    private final Map<DayOfWeek, List<Window>> week;

    private BusinessHours(Map<DayOfWeek, List<Window>> week) {
        this.week = week;
    }

    /** Monday to Friday, 09:00 to 17:00. */
    public static BusinessHours weekdaysNineToFive() {
        return parse("{\"mon\":[\"09:00\",\"17:00\"],\"tue\":[\"09:00\",\"17:00\"],\"wed\":[\"09:00\",\"17:00\"],"
                + "\"thu\":[\"09:00\",\"17:00\"],\"fri\":[\"09:00\",\"17:00\"]}");
    }

    /**
     * Reads {@code {"mon":["09:00","17:00"], "sat":[["09:00","12:00"],["13:00","15:00"]]}}; a missing day is closed.
     *
     * @throws IllegalArgumentException naming the offending day or value when the JSON is malformed
     */
    public static BusinessHours parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("business hours: JSON is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("business hours: not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("business hours: expected a JSON object keyed by day (mon..sun)");
        }
        Map<DayOfWeek, List<Window>> week = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey();
            DayOfWeek day = DAYS.get(key.toLowerCase(Locale.ROOT));
            if (day == null) {
                throw new IllegalArgumentException("business hours: unknown day '" + key + "' (expected mon..sun)");
            }
            week.put(day, List.copyOf(windows(key, field.getValue())));
        }
        return new BusinessHours(week);
    }

    /** Whether the business is open at this wall-clock time; callers convert to the business's zone first. */
    public boolean isOpen(ZonedDateTime localTime) {
        long nanoOfDay = localTime.toLocalTime().toNanoOfDay();
        return week.getOrDefault(localTime.getDayOfWeek(), List.of()).stream()
                .anyMatch(w -> w.contains(nanoOfDay));
    }

    /** The opening hours of one weekday as a person reads them: "9:00-17:00", "9:00-12:00, 13:00-15:00" or "closed". */
    public String describe(DayOfWeek day) {
        List<Window> windows = week.getOrDefault(day, List.of());
        if (windows.isEmpty()) {
            return "closed";
        }
        return windows.stream().map(w -> clock(w.start()) + "-" + clock(w.end()))
                .collect(Collectors.joining(", "));
    }

    private static String clock(long nanoOfDay) {
        long minutes = nanoOfDay / NANOS_PER_MINUTE;
        return String.format(Locale.ROOT, "%d:%02d", minutes / 60, minutes % 60);
    }

    private static List<Window> windows(String day, JsonNode value) {
        List<Window> windows = new ArrayList<>();
        if (value == null || value.isNull()) {
            return windows;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("business hours: " + day
                    + " must be [\"HH:mm\",\"HH:mm\"] or a list of such ranges, got " + value);
        }
        if (value.isEmpty()) {
            return windows;
        }
        if (value.get(0).isTextual()) {
            windows.add(window(day, value));
            return windows;
        }
        for (JsonNode range : value) {
            windows.add(window(day, range));
        }
        return windows;
    }

    private static Window window(String day, JsonNode range) {
        if (!range.isArray() || range.size() != 2 || !range.get(0).isTextual() || !range.get(1).isTextual()) {
            throw new IllegalArgumentException("business hours: " + day
                    + " range must be [\"HH:mm\",\"HH:mm\"], got " + range);
        }
        String from = range.get(0).asText();
        String to = range.get(1).asText();
        long start = time(day, from, false);
        long end = time(day, to, true);
        if (end <= start) {
            throw new IllegalArgumentException("business hours: " + day + " range " + from + "-" + to
                    + " must end after it starts (overnight ranges are not supported)");
        }
        return new Window(start, end);
    }

    private static long time(String day, String text, boolean isEnd) {
        String trimmed = text.strip();
        if (isEnd && trimmed.equals("24:00")) {
            return END_OF_DAY;
        }
        Matcher m = TIME.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("business hours: " + day + " has bad time '" + text
                    + "' (expected HH:mm, 00:00-23:59" + (isEnd ? " or 24:00" : "") + ")");
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).toNanoOfDay();
    }
}
