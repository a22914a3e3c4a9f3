package com.callaback.identity;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

import com.callaback.telephony.ForwardingPhoneRule;
import com.callaback.telephony.PhoneNumberFormat;
import com.callaback.web.FieldErrors;

/** What a person types to create a business (signup, or an agency adding a client), and its validation. */
public record BusinessForm(String name, String timezone, String forwardingPhone, String areaCode, boolean agency) {

    /** Time zones offered first in the form; any valid IANA zone is accepted. */
    public static final Set<String> COMMON_ZONES = Set.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Toronto",
            "Europe/London");

    public static BusinessForm empty() {
        return new BusinessForm("", "America/New_York", "", "", false);
    }

    /** Checks every field and returns a copy with the phone number in E.164; the errors say which field and why. */
    public BusinessForm validated(FieldErrors errors) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            errors.add("name", "Enter the name of the business.");
        } else if (cleanName.length() > 120) {
            errors.add("name", "Use at most 120 characters.");
        }
        String zone = timezone == null ? "" : timezone.strip();
        if (!validZone(zone)) {
            errors.add("timezone", "Choose a time zone such as America/Chicago.");
        }
        String phone = null;
        if (forwardingPhone != null && !forwardingPhone.isBlank()) {
            phone = PhoneNumberFormat.toE164(forwardingPhone).orElse(null);
            if (phone == null) {
                errors.add("forwardingPhone", "Enter a valid phone number, e.g. (312) 555-0142 or +44 20 7946 0958.");
            } else {
                ForwardingPhoneRule.problem(phone).ifPresent(m -> errors.add("forwardingPhone", m));
            }
        }
        String area = areaCode == null ? "" : areaCode.strip();
        if (!area.matches("[2-9][0-9]{2}")) {
            errors.add("areaCode", "Enter a 3-digit US or Canadian area code, e.g. 312.");
        }
        return new BusinessForm(cleanName, zone, phone, area, agency);
    }

    private static boolean validZone(String zone) {
        if (zone.isEmpty() || !zone.contains("/")) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
