package com.callaback.billing;

import java.util.Locale;

/** What a business pays for and what it may use; prices and metering come with billing. */
public enum Plan {
    STARTER("Starter", 1, 3),
    PRO("Pro", 3, 10),
    AGENCY("Agency", 5, 25);

    private final String displayName;
    private final int maxNumbers;
    private final int maxUsers;

    Plan(String displayName, int maxNumbers, int maxUsers) {
        this.displayName = displayName;
        this.maxNumbers = maxNumbers;
        this.maxUsers = maxUsers;
    }

    public String displayName() {
        return displayName;
    }

    public int maxNumbers() {
        return maxNumbers;
    }

    public int maxUsers() {
        return maxUsers;
    }

    /** The plan stored on a business; an unknown value falls back to the smallest plan. */
    public static Plan of(String stored) {
        try {
            return valueOf(stored == null ? "STARTER" : stored.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return STARTER;
        }
    }
}
