package com.callaback.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.callaback.dashboard.usage.PlanUsageService;
import com.callaback.followups.FollowUp;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;

/**
 * Today's figures, each period's (see {@link FiguresService}), the usage against the plan and the latest activity of the active business. The figures are one native query (row-level
 * security scopes it to the tenant), each count a range scan of a (tenant_id, time) index.
 */
@ApplicationScoped
public class OverviewService {

    private static final int RECENT = 10;

    @Inject
    TenantContext tenantContext;
    @Inject
    EntityManager em;
    @Inject
    FiguresService figures;
    @Inject
    PlanUsageService usages;

    @Transactional
    public Overview overview() {
        Tenant tenant = Tenant.findById(tenantContext.require());
        Instant midnight = LocalDate.now(zone(tenant)).atStartOfDay(zone(tenant)).toInstant();
        Object[] row = (Object[]) em.createNativeQuery("""
                select
                  (select count(*) from interactions i where i.occurred_at >= ?1
                      and i.type = 'call' and i.status in ('missed', 'voicemail')),
                  (select count(*) from sms_metrics m where m.created_at >= ?1),
                  (select count(*) from sms_metrics m where m.created_at >= ?1 and m.is_delivered),
                  (select count(*) from interactions i where i.occurred_at >= ?1
                      and i.type = 'sms' and i.direction = 'inbound'),
                  (select count(*) from leads l where l.created_at >= ?1)
                """).setParameter(1, midnight).getSingleResult();
        Overview.Today today = new Overview.Today(count(row[0]), count(row[1]), count(row[2]), count(row[3]),
                count(row[4]));
        return new Overview(tenant, today, FollowUp.countPendingTexts(), PhoneNumber.listActive(), recent(),
                figures.figures(zone(tenant)), usages.usage(tenant, Instant.now()));
    }

    private List<RecentActivity> recent() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select i.contact_id, c.name, c.phone, i.type, i.direction, i.status, i.category, i.body, i.occurred_at
                  from interactions i join contacts c on c.tenant_id = i.tenant_id and c.id = i.contact_id
                 order by i.occurred_at desc limit ?1
                """).setParameter(1, RECENT).getResultList();
        return rows.stream().map(r -> new RecentActivity((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], toInstant(r[8]))).toList();
    }

    private static ZoneId zone(Tenant tenant) {
        try {
            return ZoneId.of(tenant.timezone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
