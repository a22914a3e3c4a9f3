package com.callaback.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.callaback.dashboard.FiguresService;
import com.callaback.dashboard.Period;
import com.callaback.dashboard.PeriodFigures;
import com.callaback.support.BigBusiness;
import com.callaback.support.AsTenant;
import com.callaback.support.Fixtures;
import com.callaback.support.SeededFigures;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The roll-up of an agency with many clients (half in Chicago, half in Berlin): its one statement gives every client
 * the very figures the client's own overview counts (each inside its own business). Its time is recorded in
 * target/agency-roll-up-timing.txt, next to the former way (a transaction per client) and with one more client of
 * 100,000 interactions (not asserted).
 */
@QuarkusTest
class AgencyRollUpScaleTest {

    private static final Logger LOG = Logger.getLogger(AgencyRollUpScaleTest.class);
    private static final int SMALL_CLIENTS = 150;

    @Inject
    Fixtures fixtures;
    @Inject
    SeededFigures seeded;
    @Inject
    BigBusiness big;
    @Inject
    TenantScope scope;
    @Inject
    FiguresService figures;
    @Inject
    AgencyRollUpService rollUps;

    @Test
    void oneStatementForAllClientsCountsWhatEachClientsOverviewCounts() throws Exception {
        UUID agency = fixtures.agency("Scale Agency");
        UUID bigClient = big.create("Scale Big Client");
        AsTenant.run(bigClient, () -> Tenant.<Tenant>findById(bigClient).agencyId = agency);
        for (int i = 0; i < SMALL_CLIENTS; i++) {
            UUID client = fixtures.clientOf(agency, "Scale Client " + i);
            String zone = i % 2 == 0 ? SeededFigures.ZONE.getId() : "Europe/Berlin";
            AsTenant.run(client, () -> Tenant.<Tenant>findById(client).timezone = zone);
            seeded.seed(client);
        }
        List<Tenant> clients = scope.call(agency, () -> Tenant.findClientsOf(agency));
        assertThat(clients).hasSize(SMALL_CLIENTS + 1);

        List<Tenant> small = clients.stream().filter(c -> !c.id.equals(bigClient)).toList();
        StringBuilder report = new StringBuilder();
        for (Period period : Period.values()) {
            long all = best(() -> scope.call(agency, () -> rollUps.rollUp(clients, period, null, null)));
            RollUp rollUp = scope.call(agency, () -> rollUps.rollUp(small, period, null, null));
            long smallOnly = best(() -> scope.call(agency, () -> rollUps.rollUp(small, period, null, null)));
            Map<UUID, PeriodFigures> own = new java.util.HashMap<>();
            long perClient = best(() -> small.forEach(c -> own.put(c.id, scope.call(c.id,
                    () -> figures.figures(FiguresService.zoneOf(c.timezone)).get(period)))));
            Map<UUID, ClientFigures> rows = rollUp.clients().stream()
                    .collect(Collectors.toMap(ClientFigures::id, Function.identity()));
            assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(own.keySet());
            List<String> differences = new ArrayList<>();
            for (Map.Entry<UUID, PeriodFigures> expected : own.entrySet()) {
                if (!rows.get(expected.getKey()).figures().equals(expected.getValue())) {
                    differences.add(rows.get(expected.getKey()).figures() + " <> " + expected.getValue());
                }
            }
            assertThat(differences).as("figures that differ from the client's own overview (%s)", period).isEmpty();
            PeriodFigures bigFigures = scope.call(agency, () -> rollUps.rollUp(clients, period, null, null)).clients()
                    .stream().filter(c -> c.id().equals(bigClient)).findFirst().orElseThrow().figures();
            assertThat(bigFigures.missedCalls()).as("the big client's calls are counted").isPositive();
            String line = ("%s: %d small clients in one statement %.1f ms (a transaction per client: %.1f ms); with a"
                    + " client of %d interactions too (%d missed calls, %d texts in the period): %.1f ms").formatted(
                    period.label(), small.size(), smallOnly / 1e6, perClient / 1e6, BigBusiness.INTERACTIONS,
                    bigFigures.missedCalls(), bigFigures.textsSent(), all / 1e6);
            LOG.info(line);
            report.append(line).append('\n');
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "agency-roll-up-timing.txt"), report);
    }

    /** The shortest of three runs, in nanoseconds. */
    private static long best(Runnable work) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - started);
        }
        return best;
    }
}
