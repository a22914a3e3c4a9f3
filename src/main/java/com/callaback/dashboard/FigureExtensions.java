package com.callaback.dashboard;

import com.callaback.contacts.LeadStatus;

import io.quarkus.qute.TemplateExtension;

/** How the figures' codes read on a page. */
@TemplateExtension
public class FigureExtensions {

    private FigureExtensions() {
    }

    /** {@code {code.asStage}}: "Qualified" for "qualified"; an unknown code is shown as it is. */
    public static String asStage(String code) {
        try {
            return LeadStatus.fromDb(code).label();
        } catch (RuntimeException e) {
            return code;
        }
    }
}
