package com.callaback.contacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.callaback.web.FieldErrors;

/** The editable details of a contact as typed in the form; kept as typed so a failing form shows them again. */
public record ContactForm(String name, String email, String company, String notes, String tags) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}");
    private static final int MAX_TAGS = 20;

    public static ContactForm of(Contact contact) {
        return new ContactForm(contact.name, contact.email, contact.company, contact.notes,
                String.join(", ", contact.tags == null ? new String[0] : contact.tags));
    }

    public FieldErrors validate() {
        FieldErrors errors = new FieldErrors();
        if (clean(name) != null && clean(name).length() > 120) {
            errors.add("name", "Use at most 120 characters.");
        }
        String mail = clean(email);
        if (mail != null && (mail.length() > 254 || !EMAIL.matcher(mail).matches())) {
            errors.add("email", "Enter an email address like name@example.com.");
        }
        if (clean(company) != null && clean(company).length() > 200) {
            errors.add("company", "Use at most 200 characters.");
        }
        if (clean(notes) != null && clean(notes).length() > 5000) {
            errors.add("notes", "Use at most 5,000 characters.");
        }
        List<String> list = tagList();
        if (list.size() > MAX_TAGS) {
            errors.add("tags", "Use at most " + MAX_TAGS + " tags.");
        } else if (list.stream().anyMatch(t -> t.length() > 40)) {
            errors.add("tags", "Keep each tag under 40 characters.");
        }
        return errors;
    }

    /** Copies the details onto the contact and returns the names of the fields that changed. */
    public List<String> applyTo(Contact contact) {
        String mail = clean(email) == null ? null : clean(email).toLowerCase(Locale.ROOT);
        Map<String, Boolean> changed = new LinkedHashMap<>();
        changed.put("name", !same(contact.name, clean(name)));
        changed.put("email", !same(contact.email, mail));
        changed.put("company", !same(contact.company, clean(company)));
        changed.put("notes", !same(contact.notes, clean(notes)));
        changed.put("tags", !tagList().equals(contact.tags == null ? List.of() : List.of(contact.tags)));
        contact.name = clean(name);
        contact.email = mail;
        contact.company = clean(company);
        contact.notes = clean(notes);
        contact.tags = tagList().toArray(String[]::new);
        return changed.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    /** "vip, Plumbing ,vip" → [vip, Plumbing]: comma separated, trimmed, without repeats. */
    public List<String> tagList() {
        List<String> list = new ArrayList<>();
        if (tags == null) {
            return list;
        }
        for (String tag : tags.split(",")) {
            String t = tag.strip();
            if (!t.isEmpty() && list.stream().noneMatch(t::equalsIgnoreCase)) {
                list.add(t);
            }
        }
        return list;
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
