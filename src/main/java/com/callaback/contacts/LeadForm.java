package com.callaback.contacts;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import com.callaback.web.FieldErrors;

/** The lead edit form as typed: value in dollars ("1,200" or "$1,200.50"), priority and notes. */
public record LeadForm(String value, String priority, String notes) {

    private static final Pattern DOLLARS = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");

    static LeadForm of(Lead lead) {
        String value = lead.valueCents == null ? "" : BigDecimal.valueOf(lead.valueCents, 2).stripTrailingZeros()
                .toPlainString();
        return new LeadForm(value, lead.priority.dbValue(), lead.notes == null ? "" : lead.notes);
    }

    /** The value in cents, null when left empty. */
    Long cents(FieldErrors errors) {
        String typed = value == null ? "" : value.replace("$", "").replace(",", "").strip();
        if (typed.isEmpty()) {
            return null;
        }
        if (!DOLLARS.matcher(typed).matches()) {
            errors.add("value", "Enter an amount in dollars, such as 1200 or 1,200.50.");
            return null;
        }
        return new BigDecimal(typed).movePointRight(2).longValueExact();
    }

    /** Whether the priority select shows this option chosen. */
    public boolean selects(LeadPriority option) {
        return option.dbValue().equals(priority);
    }

    LeadPriority priority(FieldErrors errors) {
        for (LeadPriority p : LeadPriority.values()) {
            if (p.dbValue().equals(priority)) {
                return p;
            }
        }
        errors.add("priority", "Choose low, normal or high.");
        return null;
    }
}
