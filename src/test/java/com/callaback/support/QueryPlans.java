package com.callaback.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.tenant.TenantScope;

/**
 * The generic plan PostgreSQL makes for a statement as the application runs it (same role, same tenant, so
 * row-level security is part of the plan), whatever its parameter values: {@code PREPARE} with
 * {@code plan_cache_mode = force_generic_plan}, then {@code EXPLAIN EXECUTE} with null parameters.
 */
@ApplicationScoped
public class QueryPlans {

    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    /** One statement's plan as text, one node per line. */
    public record Plan(String sql, String text) {

        private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");

        /** "Seq Scan on contacts" for every sequential scan of one of the given tables. */
        public List<String> sequentialScansOf(Set<String> tables) {
            List<String> found = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher m = SEQ_SCAN.matcher(line);
                if (m.find() && tables.contains(m.group(1))) {
                    found.add(m.group(0));
                }
            }
            return found;
        }

        public boolean reads(Set<String> tables) {
            return tables.stream().anyMatch(t -> Pattern.compile("\\b" + t + "\\b").matcher(sql).find());
        }
    }

    public Plan explain(UUID tenantId, String sql) {
        return scope.call(tenantId, () -> {
            String name = "plan_" + UUID.randomUUID().toString().replace("-", "");
            int params = 0;
            StringBuilder numbered = new StringBuilder();
            boolean quoted = false;
            for (char c : sql.toCharArray()) {
                if (c == '\'') {
                    quoted = !quoted;
                }
                if (c == '?' && !quoted) {
                    numbered.append('$').append(++params);
                } else {
                    numbered.append(c);
                }
            }
            em.createNativeQuery("set local plan_cache_mode = force_generic_plan").executeUpdate();
            em.createNativeQuery("prepare " + name + " as " + numbered).executeUpdate();
            String nulls = params == 0 ? "" : "(" + String.join(", ", java.util.Collections.nCopies(params, "null")) + ")";
            @SuppressWarnings("unchecked")
            List<String> lines = em.createNativeQuery("explain execute " + name + nulls).getResultList();
            em.createNativeQuery("deallocate " + name).executeUpdate();
            return new Plan(sql, String.join("\n", lines));
        });
    }
}
