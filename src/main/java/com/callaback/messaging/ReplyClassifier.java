package com.callaback.messaging;

import java.util.Locale;
import java.util.regex.Pattern;

/** Sorts an inbound text reply into the kind of follow-up it needs: a callback, an appointment, or a plain lead. */
public final class ReplyClassifier {

    /** What the reply is asking for. */
    public enum Category { LEAD, APPT, CALLBACK }

    // Applied to normalised text (lower case, punctuation turned into single spaces), so "call-back" reads "call back".
    private static final Pattern NEGATED_CALL = Pattern.compile(
            "\\b(dont|do not|never|stop|no need to) (call|ring|phone)(ing)? (me|us)\\b");

    private static final Pattern CALLBACK = Pattern.compile("\\b("
            + "call (me|us)"
            + "|call back|callback"
            + "|give (me|us) a (call|ring)"
            + "|ring (me|us)|phone (me|us)"
            + "|(can|could|would) you (please )?call"
            + "|please call"
            + "|call asap"
            + ")\\b");

    private static final Pattern APPT = Pattern.compile("\\b("
            + "appointments?|appts?"
            + "|book|booking|booked"
            + "|schedule|scheduled|scheduling|reschedule|rescheduled"
            + "|available|availability"
            + "|come in|slots?|openings?"
            + "|next week"
            + "|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?"
            + "|tomorrow (morning|afternoon|evening|night)"
            + "|tomorrow (at |around |after |before |by )?\\d{1,2}"
            + "|\\d{1,2} ?(am|pm) tomorrow"
            + ")\\b");

    private ReplyClassifier() {
    }

    /**
     * CALLBACK wins over APPT when both appear: someone asking to be called back needs the more urgent action.
     * Anything else, including null or blank text, is a LEAD.
     */
    public static Category classify(String body) {
        if (body == null || body.isBlank()) {
            return Category.LEAD;
        }
        String text = normalise(body);
        // "please don't call me" must not trigger a callback.
        String withoutRefusals = NEGATED_CALL.matcher(text).replaceAll(" ");
        if (CALLBACK.matcher(withoutRefusals).find()) {
            return Category.CALLBACK;
        }
        if (APPT.matcher(text).find()) {
            return Category.APPT;
        }
        return Category.LEAD;
    }

    private static String normalise(String body) {
        return body.toLowerCase(Locale.ROOT)
                .replaceAll("['\u2019]", "")
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .trim();
    }
}
