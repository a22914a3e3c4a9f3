package com.callaback.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The spans the overview and the agency roll-up count over, each from a midnight in the business's time zone. */
public enum Period {
    TODAY("Today", 0), WEEK("7 days", 6), MONTH("30 days", 29);

    private final String label;
    private final int daysBack;

    Period(String label, int daysBack) {
        this.label = label;
        this.daysBack = daysBack;
    }

    public String label() {
        return label;
    }

    /** The period's first instant: midnight, so many days before today, where the business is. */
    public Instant start(LocalDate today, ZoneId zone) {
        return today.minusDays(daysBack).atStartOfDay(zone).toInstant();
    }

    /** "today", "week", "month": the value of the ?period= parameter and of data attributes. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Period fromKey(String key) {
        for (Period p : values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        throw new com.callaback.web.InvalidInputException("period", "must be one of today, week or month");
    }
}
