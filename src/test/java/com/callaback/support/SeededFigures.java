package com.callaback.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.tenant.TenantScope;

/**
 * A business (time zone America/Chicago) with a known history whose figures are counted by hand:
 * <pre>
 *                         today   7 days  30 days
 * missed calls              2       3       5     (c1, c2 today; c3 this week; c4, c6 this month; c5 too old)
 * recovered                 1       2       3     (c1 replied; c3 called back; c4 call-back task done)
 * texts sent                2       3       4     (c1 delivered, c2 failed today; c3 this week; c4 this month)
 * delivered / failed      1 / 1   2 / 1   3 / 1
 * callers texted/replied  2 / 1   3 / 2   4 / 2   (c1 after 4 min, c3 after 20 min)
 * median first reply     240 s   720 s   720 s
 * leads                   2       3       4     (won+new today, contacted this week, lost this month; c5's too old)
 * </pre>
 * Times are hours after a midnight, so they may lie later today: the figures have no upper bound.
 */
@ApplicationScoped
public class SeededFigures {

    public static final ZoneId ZONE = ZoneId.of("America/Chicago");

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    public UUID create(String name) {
        UUID tenantId = fixtures.business(name);
        AsTenant.run(tenantId, () -> {
            com.callaback.tenant.Tenant tenant = com.callaback.tenant.Tenant.findById(tenantId);
            tenant.timezone = ZONE.getId();
        });
        seed(tenantId);
        return tenantId;
    }

    public void seed(UUID tenantId) {
        Instant midnight = LocalDate.now(ZONE).atStartOfDay(ZONE).toInstant();
        Instant today = midnight.plus(1, ChronoUnit.HOURS);
        Instant week = midnight.minus(3, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS);
        Instant month = midnight.minus(20, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS);
        Instant old = midnight.minus(40, ChronoUnit.DAYS);
        scope.run(tenantId, () -> {
            UUID c1 = contact();
            UUID c2 = contact();
            UUID c3 = contact();
            UUID c4 = contact();
            UUID c5 = contact();
            UUID c6 = contact();
            call(c1, "inbound", "missed", today);
            text(c1, today.plusSeconds(60), true, false);
            sms(c1, "inbound", today.plusSeconds(300));
            lead(c1, "won", "APPT", today);

            call(c2, "inbound", "missed", today);
            text(c2, today.plusSeconds(60), false, true);
            lead(c2, "new", "LEAD", today);

            call(c3, "inbound", "missed", week);
            call(c3, "outbound", "answered", week.plusSeconds(3600));
            text(c3, week.plusSeconds(600), true, false);
            sms(c3, "inbound", week.plusSeconds(1800));
            lead(c3, "contacted", "CALLBACK", week);

            call(c4, "inbound", "missed", month);
            text(c4, month.plusSeconds(600), true, false);
            callBackDone(c4, month.plusSeconds(3600));
            lead(c4, "lost", "LEAD", month);

            call(c5, "inbound", "missed", old);
            text(c5, old.plusSeconds(60), true, false);
            sms(c5, "inbound", week);
            lead(c5, "won", "APPT", old);

            call(c6, "inbound", "voicemail", month);
        });
    }

    private UUID contact() {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into contacts (tenant_id, id, phone) values (current_tenant_id(), ?1, ?2)")
                .setParameter(1, id).setParameter(2, Fixtures.randomPhone()).executeUpdate();
        return id;
    }

    private void call(UUID contact, String direction, String status, Instant at) {
        em.createNativeQuery("insert into interactions (tenant_id, id, contact_id, type, direction, status, occurred_at)"
                + " values (current_tenant_id(), gen_random_uuid(), ?1, 'call', ?2, ?3, ?4)")
                .setParameter(1, contact).setParameter(2, direction).setParameter(3, status).setParameter(4, at)
                .executeUpdate();
    }

    private void sms(UUID contact, String direction, Instant at) {
        em.createNativeQuery("insert into interactions (tenant_id, id, contact_id, type, direction, status, occurred_at)"
                + " values (current_tenant_id(), gen_random_uuid(), ?1, 'sms', ?2, 'received', ?3)")
                .setParameter(1, contact).setParameter(2, direction).setParameter(3, at).executeUpdate();
    }

    private void text(UUID contact, Instant at, boolean delivered, boolean failed) {
        sms(contact, "outbound", at);
        em.createNativeQuery("insert into sms_metrics (tenant_id, id, contact_id, message_sid, status, is_delivered,"
                + " is_failed, created_at) values (current_tenant_id(), gen_random_uuid(), ?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, contact).setParameter(2, "SM" + UUID.randomUUID().toString().replace("-", ""))
                .setParameter(3, delivered ? "delivered" : failed ? "failed" : "sent").setParameter(4, delivered)
                .setParameter(5, failed).setParameter(6, at).executeUpdate();
    }

    private void lead(UUID contact, String status, String category, Instant at) {
        em.createNativeQuery("insert into leads (tenant_id, id, contact_id, status, category, created_at)"
                + " values (current_tenant_id(), gen_random_uuid(), ?1, ?2, ?3, ?4)")
                .setParameter(1, contact).setParameter(2, status).setParameter(3, category).setParameter(4, at)
                .executeUpdate();
    }

    private void callBackDone(UUID contact, Instant at) {
        em.createNativeQuery("insert into follow_ups (tenant_id, id, contact_id, type, status, scheduled_at, updated_at)"
                + " values (current_tenant_id(), gen_random_uuid(), ?1, 'callback', 'done', ?2, ?2)")
                .setParameter(1, contact).setParameter(2, at).executeUpdate();
    }
}
