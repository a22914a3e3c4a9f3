package com.callaback.contacts;

import io.quarkus.qute.TemplateExtension;

/** What lead pages compute for display: the value as money ("$1,200"). */
@TemplateExtension
public class LeadExtensions {

    static String value(Lead lead) {
        return LeadService.dollars(lead.valueCents);
    }
}
