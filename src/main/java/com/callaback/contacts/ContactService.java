package com.callaback.contacts;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Finds or creates the contact behind a phone number; safe when two webhooks for one caller race. */
@ApplicationScoped
public class ContactService {

    @Inject
    EntityManager em;

    /** Must run inside a tenant scope; the number is already E.164. */
    public Contact findOrCreate(String e164, String source) {
        return Contact.findByPhone(e164).orElseGet(() -> {
            // RLS fills nothing in: tenant_id comes from the tenant of this transaction's connection.
            em.createNativeQuery("insert into contacts (tenant_id, id, phone, source) "
                    + "values (current_tenant_id(), ?1, ?2, ?3) on conflict (tenant_id, phone) do nothing")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, e164).setParameter(3, source)
                    .executeUpdate();
            return Contact.findByPhone(e164).orElseThrow();
        });
    }
}
