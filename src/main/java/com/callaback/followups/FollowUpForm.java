package com.callaback.followups;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.callaback.web.FieldErrors;

/**
 * Which form on the follow-ups page failed ("text", "callback", or "reschedule" of one row), with the input kept
 * and the errors, so the page is shown again with the message beside the field.
 */
public record FollowUpForm(String name, UUID rowId, Map<String, String> input, FieldErrors errors) {

    static FollowUpForm none() {
        return new FollowUpForm("", null, Map.of(), new FieldErrors());
    }

    /** The typed value of a field of a page-wide form, or "". */
    public String value(String form, String field) {
        return name.equals(form) && rowId == null ? Objects.requireNonNullElse(input.get(field), "") : "";
    }

    public String error(String form, String field) {
        return name.equals(form) && rowId == null ? errors.of(field) : null;
    }

    /** Whether this row's reschedule form failed. */
    public boolean failedFor(UUID row) {
        return "reschedule".equals(name) && row.equals(rowId);
    }

    public String rowError(UUID row, String field) {
        return failedFor(row) ? errors.of(field) : null;
    }

    public String rowValue(UUID row, String field) {
        return failedFor(row) ? Objects.requireNonNullElse(input.get(field), "") : "";
    }
}
