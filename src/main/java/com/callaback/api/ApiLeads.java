package com.callaback.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.callaback.contacts.Lead;
import com.callaback.contacts.LeadCategory;
import com.callaback.contacts.LeadService;
import com.callaback.contacts.LeadStatus;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

/** Leads for the API: listed newest first by status and category, and moved along the pipeline as on the board. */
@ApplicationScoped
public class ApiLeads {

    @Inject
    LeadService leads;

    @Transactional
    public ApiPage<LeadView> list(String status, String category, Cursor after, int limit) {
        FieldErrors errors = new FieldErrors();
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (status != null) {
            LeadStatus s = status(status, errors);
            if (s != null) {
                params.add(s);
                where.add("status = ?" + params.size());
            }
        }
        if (category != null) {
            LeadCategory.parse(category).ifPresentOrElse(c -> {
                params.add(c);
                where.add("category = ?" + params.size());
            }, () -> errors.add("category", "Use LEAD, APPT or CALLBACK."));
        }
        errors.throwIfAny();
        if (after != null) {
            params.add(after.at());
            params.add(after.id());
            where.add("(createdAt < ?" + (params.size() - 1) + " or (createdAt = ?" + (params.size() - 1)
                    + " and id < ?" + params.size() + "))");
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by createdAt desc, id desc";
        List<Lead> rows = Lead.<Lead>find(query, params.toArray()).range(0, limit).list();
        return ApiPage.of(rows, limit, l -> l.createdAt, l -> l.id, LeadView::of);
    }

    @Transactional
    public LeadView move(UUID id, String to, UUID actor) {
        FieldErrors errors = new FieldErrors();
        LeadStatus status = status(to, errors);
        errors.throwIfAny();
        leads.move(id, status, actor);
        return LeadView.of(leads.card(id).lead());
    }

    private static LeadStatus status(String value, FieldErrors errors) {
        try {
            return LeadStatus.fromDb(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            errors.add("status", "Use new, contacted, qualified, won or lost.");
            return null;
        }
    }

    static void requireBody(Object body, String what) {
        if (body == null) {
            throw new InvalidInputException("body", "Send a JSON object with " + what + ".");
        }
    }
}
