package com.callaback.contacts;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.tenant.TenantSql;

/** Finds or creates the contact behind a phone number; safe when two webhooks for one caller race. */
@ApplicationScoped
public class ContactService {

    /**
     * One statement: the contact with this number, or a new one. Under a race the insert of the slower webhook
     * finds the row taken and returns nothing, and its snapshot predates the faster one's commit: it reads again.
     * RLS fills nothing in: tenant_id comes from the tenant of this transaction.
     */
    private static final String FIND_OR_INSERT = "with found as (select id, name, phone, sms_opt_out from contacts "
            + "where phone = ?), inserted as (insert into contacts (tenant_id, id, phone, source) "
            + "select current_tenant_id(), ?, ?, ? where not exists (select 1 from found) "
            + "on conflict (tenant_id, phone) do nothing returning id, name, phone, sms_opt_out) "
            + "select * from found union all select * from inserted";

    @Inject
    TenantSql sql;

    /** Must run inside a tenant scope; the number is already E.164. */
    public Contact findOrCreate(String e164, String source) {
        return Contact.findById(caller(e164, source).id());
    }

    /** The caller's contact, found or created, without loading the whole row. */
    public CallerContact caller(String e164, String source) {
        List<Object[]> rows = sql.rows(FIND_OR_INSERT, e164, UUID.randomUUID(), e164, source);
        if (rows.isEmpty()) {
            rows = sql.rows("select id, name, phone, sms_opt_out from contacts where phone = ?", e164);
        }
        Object[] row = rows.get(0);
        String name = (String) row[1];
        return new CallerContact((UUID) row[0], name == null || name.isBlank() ? (String) row[2] : name,
                (Boolean) row[3]);
    }
}
