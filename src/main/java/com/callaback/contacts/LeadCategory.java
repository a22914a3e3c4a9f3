package com.callaback.contacts;

/** What the caller wants, as the classifier or a person put it; stored as the constant's name. */
public enum LeadCategory {
    LEAD("New business"), APPT("Appointment"), CALLBACK("Wants a call back");

    private final String label;

    LeadCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** What a person or an API client sent ("appt", " LEAD "), if it names a category. */
    public static java.util.Optional<LeadCategory> parse(String input) {
        String name = input == null ? "" : input.strip().toUpperCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
    }
}
