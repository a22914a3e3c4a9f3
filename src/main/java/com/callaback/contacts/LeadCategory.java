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
}
