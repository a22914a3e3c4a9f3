package com.callaback.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.callaback.support.BigBusiness;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The figures' statements on a business with 100,000 interactions, as the application runs them (same role, same
 * tenant, row-level security in the plan): EXPLAIN ANALYZE of the generic plan (any business, any dates) shows no
 * sequential scan of a business table, and the
 * plans with their timings are written to target/figures-plans.txt. The time is recorded, not asserted.
 */
@QuarkusTest
class FiguresQueryPlanTest {

    private static final Logger LOG = Logger.getLogger(FiguresQueryPlanTest.class);
    private static final Set<String> TABLES = Set.of("interactions", "sms_metrics", "leads", "follow_ups", "contacts");

    @Inject
    BigBusiness big;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;
    @Inject
    FiguresService figures;

    @Test
    void figuresOfABigBusinessUseIndexesOnly() throws Exception {
        UUID tenantId = big.create("Figures Big Business");
        ZoneId zone = ZoneId.of("UTC");
        LocalDate today = LocalDate.now(zone);
        StringBuilder report = new StringBuilder();
        for (String sql : List.of(FiguresService.CALLS_AND_TEXTS, FiguresService.LEADS)) {
            List<String> plan = explain(tenantId, sql, Period.MONTH.start(today, zone), Period.WEEK.start(today, zone),
                    Period.TODAY.start(today, zone));
            String text = String.join("\n", plan);
            report.append(text).append("\n\n");
            for (String table : TABLES) {
                assertThat(text).as("plan of %s", sql).doesNotContainPattern("Seq Scan on " + table + "\\b");
            }
        }
        long best = Long.MAX_VALUE;
        PeriodFigures month = null;
        for (int run = 0; run < 5; run++) {
            long started = System.nanoTime();
            month = scope.call(tenantId, () -> figures.figures(zone)).get(Period.MONTH);
            best = Math.min(best, System.nanoTime() - started);
        }
        String timing = "figures() for today, 7 and 30 days, best of 5: %.1f ms (30 days: %d missed calls, %d texts)"
                .formatted(best / 1e6, month.missedCalls(), month.textsSent());
        LOG.info(timing);
        report.append(timing).append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "figures-plans.txt"), report);
        assertThat(month.missedCalls()).as("the big business's calls are counted").isPositive();
    }

    private List<String> explain(UUID tenantId, String sql, Instant month, Instant week, Instant day) {
        return scope.call(tenantId, () -> {
            // The plan for any business and any dates, as a prepared statement gets it: in this database the big
            // business is nearly every row, where a plan for its exact values would rightly read whole tables.
            em.createNativeQuery("set local plan_cache_mode = force_generic_plan").executeUpdate();
            String name = "figures_" + UUID.randomUUID().toString().replace("-", "");
            em.createNativeQuery("prepare " + name + " (timestamptz, timestamptz, timestamptz) as "
                    + sql.replace("?1", "$1").replace("?2", "$2").replace("?3", "$3")).executeUpdate();
            @SuppressWarnings("unchecked")
            List<String> lines = em.createNativeQuery("explain (analyze, buffers) execute " + name + " ('" + month
                    + "', '" + week + "', '" + day + "')").getResultList();
            em.createNativeQuery("deallocate " + name).executeUpdate();
            return lines;
        });
    }
}
