package com.callaback.messaging;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {field} placeholders in message templates and checks templates for fields nobody can fill. */
public final class MergeFields {

    public static final String BUSINESS_NAME = "business_name";
    public static final String CONTACT_NAME = "contact_name";
    public static final String FIRST_NAME = "first_name";
    public static final String BUSINESS_PHONE = "business_phone";
    /** The fields every template may use. */
    public static final Set<String> STANDARD = Set.of(BUSINESS_NAME, CONTACT_NAME, FIRST_NAME, BUSINESS_PHONE);
    /** Greeting stand-in when the contact's name is unknown: "Hi there". */
    public static final String NAMELESS = "there";

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private MergeFields() {
    }

    /** Same as {@link #render(String, Map, Map)} with no defaults. */
    public static String render(String template, Map<String, String> values) {
        return render(template, values, Map.of());
    }

    /**
     * Replaces each standard field and each {key} present in {@code values} or {@code defaults}; a null or blank value
     * falls back to the default, then to "there" for the name fields, then to nothing. Other {fields} stay as written.
     */
    public static String render(String template, Map<String, String> values, Map<String, String> defaults) {
        if (template == null) {
            return "";
        }
        Map<String, String> given = values == null ? Map.of() : values;
        Map<String, String> fallback = defaults == null ? Map.of() : defaults;
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (m.find()) {
            String key = m.group(1);
            boolean known = STANDARD.contains(key) || given.containsKey(key) || fallback.containsKey(key);
            String replacement = known ? valueFor(key, given, fallback) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    /** Names inside braces that are not in {@code known}, in order of first appearance; for validating templates. */
    public static Set<String> unknownFields(String template, Set<String> known) {
        Set<String> unknown = new LinkedHashSet<>();
        if (template == null) {
            return unknown;
        }
        Matcher m = FIELD.matcher(template);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    private static String valueFor(String key, Map<String, String> given, Map<String, String> fallback) {
        String value = given.get(key);
        if (value == null || value.isBlank()) {
            value = fallback.get(key);
        }
        if ((value == null || value.isBlank()) && (key.equals(CONTACT_NAME) || key.equals(FIRST_NAME))) {
            value = NAMELESS;
        }
        return value == null ? "" : value.strip();
    }
}
