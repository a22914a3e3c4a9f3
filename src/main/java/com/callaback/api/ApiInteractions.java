package com.callaback.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionType;
import com.callaback.contacts.LeadCategory;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.FieldErrors;

/** Calls and texts for the API, newest first, filtered by time, type and category. */
@ApplicationScoped
public class ApiInteractions {

    @Inject
    TenantContext tenantContext;

    /** The filters as sent; {@code from}/{@code to} are an instant or a date in the business's time zone. */
    public record Filter(String from, String to, String type, String category) {
    }

    @Transactional
    public ApiPage<InteractionView> list(Filter filter, Cursor after, int limit) {
        FieldErrors errors = new FieldErrors();
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        ZoneId zone = ZoneId.of(Tenant.<Tenant>findById(tenantContext.require()).timezone);
        Instant from = time(filter.from(), "from", zone, false, errors);
        Instant to = time(filter.to(), "to", zone, true, errors);
        if (from != null) {
            params.add(from);
            where.add("occurredAt >= ?" + params.size());
        }
        if (to != null) {
            params.add(to);
            where.add("occurredAt < ?" + params.size());
        }
        if (filter.type() != null) {
            try {
                params.add(InteractionType.fromDb(filter.type().strip()));
                where.add("type = ?" + params.size());
            } catch (IllegalArgumentException e) {
                errors.add("type", "Use call, sms, voicemail or note.");
            }
        }
        if (filter.category() != null) {
            LeadCategory.parse(filter.category()).ifPresentOrElse(c -> {
                params.add(c.name());
                where.add("category = ?" + params.size());
            }, () -> errors.add("category", "Use LEAD, APPT or CALLBACK."));
        }
        errors.throwIfAny();
        if (after != null) {
            params.add(after.at());
            params.add(after.id());
            where.add("(occurredAt < ?" + (params.size() - 1) + " or (occurredAt = ?" + (params.size() - 1)
                    + " and id < ?" + params.size() + "))");
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by occurredAt desc, id desc";
        List<Interaction> rows = Interaction.<Interaction>find(query, params.toArray()).range(0, limit).list();
        return ApiPage.of(rows, limit, i -> i.occurredAt, i -> i.id, InteractionView::of);
    }

    /** An ISO instant ("2026-11-25T14:00:00Z"), or a date: its start ({@code from}) or the next day's ({@code to}). */
    private static Instant time(String value, String field, ZoneId zone, boolean endOfDay, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate date = LocalDate.parse(v);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeException e) {
            errors.add(field, "Use a date (2026-11-25, in the business's time zone) or an instant "
                    + "(2026-11-25T14:00:00Z).");
            return null;
        }
    }
}
