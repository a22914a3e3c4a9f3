package com.callaback.settings;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.messaging.MergeFields;
import com.callaback.telephony.PhoneNumberFormat;
import com.callaback.tenant.Tenant;
import com.callaback.web.FieldErrors;

/** The settings form as typed (so a failing form is shown again unchanged), and its check into {@link Valid}. */
public class SettingsForm {

    static final int MAX_TEXT = 480;
    static final int MAX_HELP = 320;
    static final int MAX_GREETING = 500;
    static final int MAX_DELAY_SECONDS = 3600;
    static final int MAX_COOLDOWN_HOURS = 720;
    /** Region-based zone ids a business can choose (no fixed offsets or legacy aliases), sorted. */
    public static final List<String> ZONES = zones();
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):[0-5]\\d");

    @RestForm
    public String autoReplyEnabled;
    @RestForm
    public String autoReplyText;
    @RestForm
    public String autoReplyDelaySeconds;
    @RestForm("open")
    public List<String> openDays;
    @RestForm("from")
    public List<String> opensAt;
    @RestForm("to")
    public List<String> closesAt;
    @RestForm
    public String quietHoursStart;
    @RestForm
    public String quietHoursEnd;
    @RestForm
    public String cooldownHours;
    @RestForm
    public String forwardingPhone;
    @RestForm
    public String voicemailGreeting;
    @RestForm
    public String helpText;
    @RestForm
    public String timezone;

    /** The settings as checked, ready to store. */
    public record Valid(boolean autoReplyEnabled, String autoReplyText, int autoReplyDelaySeconds,
            String businessHours, LocalTime quietHoursStart, LocalTime quietHoursEnd, int cooldownHours,
            String forwardingPhone, String voicemailGreeting, String helpText, String timezone) {
    }

    /** The form filled with what the business has saved. */
    public static SettingsForm of(Tenant tenant) {
        SettingsForm form = new SettingsForm();
        form.autoReplyEnabled = tenant.autoReplyEnabled ? "on" : null;
        form.autoReplyText = tenant.autoReplyText;
        form.autoReplyDelaySeconds = Integer.toString(tenant.autoReplyDelaySeconds);
        List<WeeklyHours.Day> days = WeeklyHours.fromJson(tenant.businessHours);
        form.openDays = days.stream().filter(WeeklyHours.Day::open).map(WeeklyHours.Day::key).toList();
        form.opensAt = days.stream().map(WeeklyHours.Day::from).toList();
        form.closesAt = days.stream().map(WeeklyHours.Day::to).toList();
        form.quietHoursStart = hhmm(tenant.quietHoursStart);
        form.quietHoursEnd = hhmm(tenant.quietHoursEnd);
        form.cooldownHours = Integer.toString(tenant.cooldownHours);
        form.forwardingPhone = tenant.forwardingPhone;
        form.voicemailGreeting = tenant.voicemailGreeting;
        form.helpText = tenant.helpText;
        form.timezone = tenant.timezone;
        return form;
    }

    public boolean enabled() {
        return autoReplyEnabled != null && !autoReplyEnabled.isBlank();
    }

    /** The weekday rows of the form, as typed. */
    public List<WeeklyHours.Day> days() {
        return WeeklyHours.fromForm(openDays, opensAt, closesAt);
    }

    /** The zones offered: the usual list, plus a valid zone saved earlier that the list leaves out (US/Eastern). */
    public List<String> zoneChoices() {
        if (timezone == null || ZONES.contains(timezone) || !ZoneId.getAvailableZoneIds().contains(timezone)) {
            return ZONES;
        }
        List<String> choices = new java.util.ArrayList<>(ZONES);
        choices.add(0, timezone);
        return choices;
    }

    /** Checks every field, collecting a message for each one that is wrong; {@code storedHours} keeps split days. */
    public Valid check(String storedHours, FieldErrors errors) {
        String text = required(autoReplyText, "autoReplyText", "Write the text a caller receives.", MAX_TEXT, errors);
        Set<String> unknown = MergeFields.unknownFields(text, MergeFields.STANDARD);
        if (!unknown.isEmpty()) {
            errors.add("autoReplyText", "Unknown merge field {" + unknown.iterator().next()
                    + "}. Use {business_name}, {first_name}, {contact_name} or {business_phone}.");
        }
        Integer delay = number(autoReplyDelaySeconds, 0, MAX_DELAY_SECONDS);
        if (delay == null) {
            errors.add("autoReplyDelaySeconds", "Enter a delay from 0 to " + MAX_DELAY_SECONDS + " seconds.");
        }
        String hours = WeeklyHours.toJson(days(), storedHours, errors);
        LocalTime quietStart = time(quietHoursStart, "quietHoursStart", errors);
        LocalTime quietEnd = time(quietHoursEnd, "quietHoursEnd", errors);
        Integer cooldown = number(cooldownHours, 0, MAX_COOLDOWN_HOURS);
        if (cooldown == null) {
            errors.add("cooldownHours", "Enter a cooldown from 0 to " + MAX_COOLDOWN_HOURS + " hours (30 days).");
        }
        String phone = null;
        if (forwardingPhone != null && !forwardingPhone.isBlank()) {
            Optional<String> e164 = PhoneNumberFormat.toE164(forwardingPhone);
            if (e164.isEmpty()) {
                errors.add("forwardingPhone", "Enter a phone number we can call, such as (312) 555-0100 "
                        + "or +44 20 7946 0958.");
            } else {
                com.callaback.telephony.ForwardingPhoneRule.problem(e164.get())
                        .ifPresent(m -> errors.add("forwardingPhone", m));
            }
            phone = e164.orElse(null);
        }
        String greeting = voicemailGreeting == null || voicemailGreeting.isBlank() ? null : voicemailGreeting.strip();
        if (greeting != null && greeting.length() > MAX_GREETING) {
            errors.add("voicemailGreeting", "Keep the greeting to " + MAX_GREETING + " characters or fewer (it has "
                    + greeting.length() + ").");
        }
        String help = required(helpText, "helpText", "Write the reply to a text saying HELP.", MAX_HELP, errors);
        if (!MergeFields.unknownFields(help, MergeFields.STANDARD).isEmpty()) {
            errors.add("helpText", "Unknown merge field {" + MergeFields.unknownFields(help, MergeFields.STANDARD)
                    .iterator().next() + "}. Use {business_name} or {business_phone}.");
        }
        String zone = timezone == null ? "" : timezone.strip();
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            errors.add("timezone", "Choose a time zone from the list.");
        }
        errors.throwIfAny();
        return new Valid(enabled(), text, delay, hours, quietStart, quietEnd, cooldown, phone, greeting, help, zone);
    }

    private static String required(String value, String field, String missing, int max, FieldErrors errors) {
        String clean = value == null ? "" : value.strip();
        if (clean.isEmpty()) {
            errors.add(field, missing);
        } else if (clean.length() > max) {
            errors.add(field, "Keep this to " + max + " characters or fewer (it has " + clean.length() + ").");
        }
        return clean;
    }

    private static Integer number(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            return n >= min && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalTime time(String value, String field, FieldErrors errors) {
        String clean = value == null ? "" : value.strip();
        if (!TIME.matcher(clean).matches()) {
            errors.add(field, "Enter a time as HH:MM on a 24-hour clock, for example 21:00.");
            return null;
        }
        return LocalTime.parse(clean.length() == 4 ? "0" + clean : clean);
    }

    private static String hhmm(LocalTime time) {
        return time == null ? "" : String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    private static List<String> zones() {
        Set<String> zones = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/-]+")) {
                zones.add(id);
            }
        }
        zones.add("UTC");
        return List.copyOf(zones);
    }
}
