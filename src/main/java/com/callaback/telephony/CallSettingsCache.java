package com.callaback.telephony;

import java.time.ZoneId;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.tenant.TenantChanged;
import com.callaback.tenant.TenantContext;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;

/**
 * The current business's call settings, read once and then kept per business in a small cache: every call and
 * text needs them and they rarely change. A change made here is dropped from the cache when it commits; other
 * replicas see it when their entry expires ({@code quarkus.cache.caffeine."call-settings".expire-after-write}).
 */
@ApplicationScoped
public class CallSettingsCache {

    @Inject
    TenantContext tenant;
    @Inject
    EntityManager em;
    @Inject
    @CacheName("call-settings")
    Cache settings;

    /** Must run in the business's transaction: a miss reads its row as that tenant. */
    public CallSettings current() {
        return settings.get(tenant.require(), id -> load()).await().indefinitely();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantChanged change) {
        settings.invalidate(change.tenantId()).await().indefinitely();
    }

    private CallSettings load() {
        Object[] row = (Object[]) em.createNativeQuery("select name, forwarding_phone, cast(business_hours as text), "
                + "timezone, voicemail_greeting, auto_reply_enabled, auto_reply_text, auto_reply_delay_seconds, "
                + "help_text from tenants where id = current_tenant_id()").getSingleResult();
        return new CallSettings((String) row[0], (String) row[1], BusinessHours.parse((String) row[2]),
                ZoneId.of((String) row[3]), (String) row[4],
                (Boolean) row[5], (String) row[6], ((Number) row[7]).intValue(), (String) row[8]);
    }
}
