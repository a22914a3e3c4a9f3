package com.callaback.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The figures of the business the transaction acts for (row-level security scopes every statement), for today, 7
 * and 30 days at once: one pass over the 30 days, the shorter periods counted with FILTER. Each table is read once,
 * as a range of a (tenant_id, time) index (V22), and callers are matched to what they did next by hash joins, not
 * a lookup per call.
 */
@ApplicationScoped
public class FiguresService {

    /** ?1 the 30-day start, ?2 the 7-day start, ?3 midnight today. */
    static final String CALLS_AND_TEXTS = """
            with responses as materialized (
              -- What a caller did after a call or text, in the period: texted the business, or was called.
              select r.contact_id, r.occurred_at, r.type
                from interactions r
               where r.occurred_at >= ?1
                 and ((r.type = 'sms' and r.direction = 'inbound') or (r.type = 'call' and r.direction = 'outbound'))
            ), last_response as (
              select x.contact_id, max(x.at) as at
                from (select contact_id, occurred_at as at from responses
                      union all
                      select f.contact_id, f.updated_at from follow_ups f
                       where f.type = 'callback' and f.status = 'done' and f.updated_at >= ?1) x
               group by x.contact_id
            ), missed as materialized (
              select i.occurred_at, coalesce(l.at > i.occurred_at, false) as recovered
                from interactions i left join last_response l on l.contact_id = i.contact_id
               where i.type = 'call' and i.status in ('missed', 'voicemail') and i.occurred_at >= ?1
            ), texts as (
              select m.contact_id, m.created_at, m.is_delivered, m.is_failed
                from sms_metrics m
               where m.created_at >= ?1
            ), firsts as (
              select t.contact_id, min(t.created_at) as first30,
                     min(t.created_at) filter (where t.created_at >= ?2) as first7,
                     min(t.created_at) filter (where t.created_at >= ?3) as first1
                from texts t group by t.contact_id
            ), replies as materialized (
              -- Each caller's first text back after the period's first text to them.
              select f.first30, f.first7, f.first1,
                     min(r.occurred_at) filter (where r.occurred_at > f.first30) as reply30,
                     min(r.occurred_at) filter (where r.occurred_at > f.first7) as reply7,
                     min(r.occurred_at) filter (where r.occurred_at > f.first1) as reply1
                from firsts f
                left join responses r on r.contact_id = f.contact_id and r.type = 'sms' and r.occurred_at > f.first30
               group by f.contact_id, f.first30, f.first7, f.first1
            )
            select m.*, t.*, r.*
              from (select count(*) filter (where occurred_at >= ?3), count(*) filter (where occurred_at >= ?2), count(*),
                           count(*) filter (where occurred_at >= ?3 and recovered),
                           count(*) filter (where occurred_at >= ?2 and recovered), count(*) filter (where recovered)
                      from missed) m,
                   (select count(*) filter (where created_at >= ?3), count(*) filter (where created_at >= ?2), count(*),
                           count(*) filter (where created_at >= ?3 and is_delivered),
                           count(*) filter (where created_at >= ?2 and is_delivered), count(*) filter (where is_delivered),
                           count(*) filter (where created_at >= ?3 and is_failed),
                           count(*) filter (where created_at >= ?2 and is_failed), count(*) filter (where is_failed)
                      from texts) t,
                   (select count(first1), count(first7), count(*), count(reply1), count(reply7), count(reply30),
                           percentile_cont(0.5) within group (order by extract(epoch from reply1 - first1)),
                           percentile_cont(0.5) within group (order by extract(epoch from reply7 - first7)),
                           percentile_cont(0.5) within group (order by extract(epoch from reply30 - first30))
                      from replies) r
            """;

    /** Leads created in the period, by the stage and category they have now. */
    static final String LEADS = """
            select l.status, l.category, count(*) filter (where l.created_at >= ?3), count(*) filter (where l.created_at >= ?2),
                   count(*)
              from leads l
             where l.created_at >= ?1
             group by l.status, l.category
            """;

    @Inject
    EntityManager em;

    /** Every period's figures, counted up to now; runs in the caller's transaction, as its tenant. */
    public Map<Period, PeriodFigures> figures(ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        Instant month = Period.MONTH.start(today, zone);
        Instant week = Period.WEEK.start(today, zone);
        Instant day = Period.TODAY.start(today, zone);
        Object[] row = (Object[]) em.createNativeQuery(CALLS_AND_TEXTS).setParameter(1, month).setParameter(2, week)
                .setParameter(3, day).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> leads = em.createNativeQuery(LEADS).setParameter(1, month).setParameter(2, week)
                .setParameter(3, day).getResultList();
        Map<Period, PeriodFigures> figures = new EnumMap<>(Period.class);
        Period[] order = { Period.TODAY, Period.WEEK, Period.MONTH };
        for (int p = 0; p < order.length; p++) {
            Map<String, Long> byStage = zeros(PeriodFigures.STAGES);
            Map<String, Long> byCategory = zeros(PeriodFigures.CATEGORIES);
            for (Object[] lead : leads) {
                long count = count(lead[2 + p]);
                byStage.merge((String) lead[0], count, Long::sum);
                byCategory.merge((String) lead[1], count, Long::sum);
            }
            Object median = row[21 + p];
            figures.put(order[p], new PeriodFigures(order[p], count(row[p]), count(row[3 + p]), count(row[6 + p]),
                    count(row[9 + p]), count(row[12 + p]), count(row[15 + p]), count(row[18 + p]),
                    median == null ? null : Math.round(((Number) median).doubleValue()), byStage, byCategory));
        }
        return figures;
    }

    /** The business's time zone; a stored zone Java does not know counts as UTC rather than failing the page. */
    public static ZoneId zoneOf(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }
}
