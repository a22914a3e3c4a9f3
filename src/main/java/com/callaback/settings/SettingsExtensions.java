package com.callaback.settings;

import com.callaback.web.FieldErrors;

import io.quarkus.qute.TemplateExtension;

/** Values the settings pages compute for their templates. */
@TemplateExtension
public class SettingsExtensions {

    /** {@code {day.errorIn(errors)}}: the message for one weekday's hours, or null. */
    static String errorIn(WeeklyHours.Day day, FieldErrors errors) {
        return errors.of("hours." + day.key());
    }
}
