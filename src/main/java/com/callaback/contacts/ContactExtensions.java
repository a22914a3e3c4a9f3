package com.callaback.contacts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

import io.quarkus.qute.TemplateExtension;

/** How a contact reads on a page: a US number as people write it, and a label when there is no name yet. */
@TemplateExtension
public class ContactExtensions {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** {@code {c.phoneDisplay}}: "(312) 555-0142" for US/Canada numbers, "+44 20 7946 0958" for others. */
    public static String phoneDisplay(Contact contact) {
        return asPhone(contact.phone);
    }

    /** {@code {e164.asPhone}}: any stored E.164 number as people write it. */
    public static String asPhone(String e164) {
        if (e164 == null) {
            return "";
        }
        try {
            var number = PHONES.parse(e164, "US");
            return PHONES.format(number, number.getCountryCode() == 1 ? PhoneNumberFormat.NATIONAL
                    : PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** {@code {code.asCategory}}: "Appointment" for "APPT"; an unknown code is shown as it is. */
    public static String asCategory(String code) {
        if (code == null) {
            return "";
        }
        try {
            return LeadCategory.valueOf(code).label();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    /** {@code {c.label}}: the name, or the number while nobody has given one. */
    public static String label(Contact contact) {
        return contact.name == null || contact.name.isBlank() ? phoneDisplay(contact) : contact.name;
    }
}
