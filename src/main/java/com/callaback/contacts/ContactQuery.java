package com.callaback.contacts;

import java.util.ArrayList;
import java.util.List;
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

    /** A native select and its positional parameters. */
    public record Sql(String text, List<String> params) {
    }

    /**
     * The select for one page. Native SQL (RLS keeps it in the tenant) over the stored search columns of V7, each
     * prefix written as a range with the leakproof {@code ~>=~}/{@code ~<~} operators: under row-level security
     * PostgreSQL lets only leakproof conditions reach an index, and LIKE is not one.
     */
    public Sql sql(int limit, int offset) {
        String where;
        String order;
        List<String> params = new ArrayList<>();
        if (namePrefix != null) {
            where = "search_name ~>=~ ?1 and search_name ~<~ ?2";
            order = "search_name, id";
            addRange(params, namePrefix);
        } else if (digits != null) {
            // As typed with its country code, as a US/Canada number without it, its last digits, its local part.
            where = "(phone ~>=~ ?1 and phone ~<~ ?2) or (phone ~>=~ ?3 and phone ~<~ ?4) "
                    + "or (phone_reversed ~>=~ ?5 and phone_reversed ~<~ ?6) "
                    + "or (phone_local ~>=~ ?7 and phone_local ~<~ ?8)";
            order = "search_name nulls last, phone";
            addRange(params, "+" + digits);
            addRange(params, "+1" + digits);
            addRange(params, new StringBuilder(digits).reverse().toString());
            addRange(params, digits);
        } else {
            where = "true";
            order = "created_at desc, id desc";
        }
        return new Sql("select c.* from contacts c where " + where + " order by " + order + " limit " + limit
                + " offset " + offset, params);
    }

    private static void addRange(List<String> params, String prefix) {
        params.add(prefix);
        params.add(upperBound(prefix));
    }

    /** The smallest string above every string starting with {@code prefix}, for a leakproof range scan. */
    static String upperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        String head = prefix.substring(0, prefix.length() - Character.charCount(last));
        if (last == Character.MAX_CODE_POINT) {
            // Nothing sorts above the last code point: bound by the shorter prefix (or, alone, by the largest one).
            return head.isEmpty() ? new String(Character.toChars(last)) + new String(Character.toChars(last))
                    : upperBound(head);
        }
        return head + new String(Character.toChars(last + 1));
    }
}
