package com.callaback.agency;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.callaback.dashboard.FiguresService;
import com.callaback.dashboard.Period;
import com.callaback.dashboard.PeriodFigures;
import com.callaback.tenant.Tenant;

/**
 * The agency roll-up: every client's figures in one statement ({@code agency_client_figures}, V26), counted by the
 * same rules as a business's overview (the automatic texts included), each client over its own period (from a
 * midnight in its time zone). The function reads only clients whose agency is the current tenant.
 */
@ApplicationScoped
public class AgencyRollUpService {

    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;

    @Transactional
    public RollUp rollUp(List<Tenant> clients, Period period, String sort, String direction) {
        Map<UUID, Tenant> byId = clients.stream().collect(Collectors.toMap(c -> c.id, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        List<ClientFigures> rows = new ArrayList<>();
        if (!clients.isEmpty()) {
            String[] starts = clients.stream().map(c -> {
                ZoneId zone = FiguresService.zoneOf(c.timezone);
                return period.start(LocalDate.now(zone), zone).toString();
            }).toArray(String[]::new);
            @SuppressWarnings("unchecked")
            List<Object[]> counted = em.createNativeQuery(
                    """
                    select tenant_id, missed_calls, recovered_calls, texts_sent, texts_delivered, texts_failed,
                           callers_texted, callers_replied, median_seconds_to_reply, leads_by_stage::text,
                           leads_by_category::text, held_texts, first_number
                      from agency_client_figures(?1, cast(?2 as timestamptz[]))""")
                    .setParameter(1, byId.keySet().toArray(UUID[]::new)).setParameter(2, starts).getResultList();
            for (Object[] row : counted) {
                rows.add(figuresOf(byId.get((UUID) row[0]), period, row));
            }
        }
        return RollUp.sorted(period, sort, direction, rows);
    }

    private ClientFigures figuresOf(Tenant client, Period period, Object[] row) {
        PeriodFigures counted = new PeriodFigures(period, count(row[1]), count(row[2]), count(row[3]), count(row[4]),
                count(row[5]), count(row[6]), count(row[7]),
                row[8] == null ? null : Math.round(((Number) row[8]).doubleValue()),
                counts(PeriodFigures.STAGES, row[9]), counts(PeriodFigures.CATEGORIES, row[10]));
        long held = count(row[11]);
        String number = (String) row[12];
        List<String> problems = new ArrayList<>();
        if ("failed".equals(client.provisioningStatus)) {
            problems.add("Number setup failed");
        } else if (number == null && !"pending".equals(client.provisioningStatus)
                && !"running".equals(client.provisioningStatus)) {
            problems.add("No number");
        }
        if (held > 0) {
            problems.add(held + (held == 1 ? " text held" : " texts held"));
        }
        if (counted.textsFailed() > 0) {
            problems.add(counted.textsFailed() + (counted.textsFailed() == 1 ? " text failed" : " texts failed"));
        }
        if (client.textingOnHold()) {
            problems.add("Texting registration not approved");
        }
        if (client.billingStopsTexts()) {
            problems.add("Billing " + client.billingStatus.replace('_', ' '));
        }
        return new ClientFigures(client.id, client.name, client.slug, counted, number, client.provisioningStatus,
                client.complianceStatus, held, List.copyOf(problems));
    }

    /** The JSON object of counts by key, every known key present (0 when none). */
    private Map<String, Long> counts(List<String> keys, Object json) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        try {
            Map<String, Long> counted = json == null ? Map.of() : mapper.readValue(json.toString(), COUNTS);
            counted.forEach((key, value) -> map.merge(key, value, Long::sum));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agency_client_figures returned counts that are not JSON: " + json, e);
        }
        return map;
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }
}
