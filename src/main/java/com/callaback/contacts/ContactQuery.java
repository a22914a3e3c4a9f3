package com.callaback.contacts;

import java.util.Locale;

/**
 * What a person typed in the contacts search: the beginning of a name, or part of a phone number in any format
 * ("(312) 555-0142", "+1 312 555 0142", its last digits "0142" or its local part "555 01").
 */
public record ContactQuery(String text, String namePrefix, String digits) {

    public static ContactQuery parse(String raw) {
        String text = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
        if (text.length() > 100) {
            text = text.substring(0, 100);
        }
        if (text.isEmpty()) {
            return new ContactQuery("", null, null);
        }
        String digits = text.replaceAll("\\D", "");
        boolean looksLikeNumber = !digits.isEmpty() && text.matches("[0-9+().\\-/ ]+");
        return looksLikeNumber ? new ContactQuery(text, null, digits)
                : new ContactQuery(text, text.toLowerCase(Locale.ROOT), null);
    }

    public boolean isEmpty() {
        return namePrefix == null && digits == null;
    }

    /** The smallest string above every string starting with {@code prefix}, for a leakproof range scan. */
    static String upperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        return prefix.substring(0, prefix.length() - Character.charCount(last))
                + new String(Character.toChars(last + 1));
    }
}
