package com.callaback.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.callaback.telephony.BusinessHours;
import com.callaback.web.FieldErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Business hours as the settings form shows them, one opening time and one closing time per weekday, read from and
 * written to the JSON {@link BusinessHours} reads ({@code {"mon":["09:00","17:00"], ...}}, a closed day left out).
 */
public final class WeeklyHours {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):[0-5]\\d");
    static final List<String> KEYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final List<String> LABELS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");

    /** One weekday on the form; times as typed, so a failing form shows them again. */
    public record Day(String key, String label, boolean open, String from, String to) {
    }

    private WeeklyHours() {
    }

    /** The stored hours as form rows; a day with a break shows from its first opening to its last closing. */
    public static List<Day> fromJson(String json) {
        JsonNode root = read(json);
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            String key = KEYS.get(i);
            List<String[]> ranges = ranges(root.get(key));
            days.add(ranges.isEmpty()
                    ? new Day(key, LABELS.get(i), false, "09:00", "17:00")
                    : new Day(key, LABELS.get(i), true, ranges.get(0)[0], ranges.get(ranges.size() - 1)[1]));
        }
        return days;
    }

    /** Form rows from what was posted: the days ticked open, and seven openings and closings in weekday order. */
    public static List<Day> fromForm(List<String> openDays, List<String> from, List<String> to) {
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            String key = KEYS.get(i);
            days.add(new Day(key, LABELS.get(i), openDays != null && openDays.contains(key), at(from, i), at(to, i)));
        }
        return days;
    }

    /**
     * The JSON for these rows, or field errors ({@code hours.mon}, ...). A day whose times were not changed keeps
     * its stored ranges, so a lunch break set up before is not lost by saving the form.
     */
    public static String toJson(List<Day> days, String storedJson, FieldErrors errors) {
        JsonNode stored = read(storedJson);
        List<Day> before = fromJson(storedJson);
        ObjectNode out = JSON.createObjectNode();
        for (int i = 0; i < days.size(); i++) {
            Day day = days.get(i);
            if (!day.open()) {
                continue;
            }
            String from = day.from().strip();
            String to = day.to().strip();
            String field = "hours." + day.key();
            if (!TIME.matcher(from).matches() || !(TIME.matcher(to).matches() || to.equals("24:00"))) {
                errors.add(field, day.label() + ": enter opening and closing times as HH:MM, for example 09:00 "
                        + "and 17:00.");
                continue;
            }
            from = pad(from);
            to = pad(to);
            if (to.compareTo(from) <= 0) {
                errors.add(field, day.label() + ": the closing time must be after the opening time.");
                continue;
            }
            Day old = before.get(i);
            if (old.open() && old.from().equals(from) && old.to().equals(to)) {
                out.set(day.key(), stored.get(day.key()));
            } else {
                ArrayNode range = out.putArray(day.key());
                range.add(from).add(to);
            }
        }
        String json = out.toString();
        try {
            BusinessHours.parse(json); // the reader of these hours must accept what is saved
        } catch (IllegalArgumentException e) {
            errors.add("hours", "These business hours cannot be read: " + e.getMessage());
        }
        return json;
    }

    /** Whether two stored forms mean the same hours (jsonb does not keep spacing or key order). */
    public static boolean same(String a, String b) {
        return Objects.equals(read(a), read(b));
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
    }

    private static List<String[]> ranges(JsonNode value) {
        List<String[]> ranges = new ArrayList<>();
        if (value == null || !value.isArray() || value.isEmpty()) {
            return ranges;
        }
        if (value.get(0).isTextual()) {
            ranges.add(new String[] { value.get(0).asText(), value.get(1).asText() });
            return ranges;
        }
        for (JsonNode range : value) {
            ranges.add(new String[] { range.get(0).asText(), range.get(1).asText() });
        }
        return ranges;
    }

    private static JsonNode read(String json) {
        try {
            JsonNode node = json == null || json.isBlank() ? null : JSON.readTree(json);
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
