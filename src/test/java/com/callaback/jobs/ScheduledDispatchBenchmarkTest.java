package com.callaback.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A quick in-JVM measure of the scheduled dispatch path (not the out-of-process benchmark): 200 businesses with 10
 * texts each, all due at the same instant, sent by the scheduled outbox job with the production job settings
 * against the WireMock Twilio stub. Run: {@code ./mvnw -o test -Pbenchmark -Dtest=ScheduledDispatchBenchmarkTest}.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(ScheduledDispatchBenchmarkTest.Scheduled.class)
class ScheduledDispatchBenchmarkTest {

    private static final int BUSINESSES = 200;
    private static final int TEXTS_EACH = 10;

    /** The outbox on its production schedule and batch settings. */
    public static class Scheduled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callaback.jobs.outbox.every", "0.5s", "%test.callaback.jobs.outbox.every", "0.5s",
                    "callaback.jobs.batch-size", "200", "%test.callaback.jobs.batch-size", "200",
                    "callaback.jobs.max-batches-per-round", "25", "%test.callaback.jobs.max-batches-per-round", "25",
                    "callaback.workers.start-delay", "1s", "quarkus.log.category.\"com.callaback\".level", "WARN",
                    "quarkus.log.category.\"com.callaback.jobs\".level", "DEBUG");
        }
    }

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    @Test
    void textsDueAtOnceGoOutThroughTheScheduledPath() throws Exception {
        Instant due = Instant.now().plusSeconds(60);
        List<Fixtures.TwilioBusiness> shops = new ArrayList<>();
        for (int b = 0; b < BUSINESSES; b++) {
            Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Dispatch Bench " + b, true);
            shops.add(shop);
            String prefix = "+1646" + String.format("%03d", b);
            scope.run(shop.tenantId(), () -> em.createNativeQuery("""
                    with added as (
                        insert into contacts (tenant_id, id, phone, source)
                        select current_tenant_id(), gen_random_uuid(), ?1 || lpad(g::text, 4, '0'), 'manual'
                          from generate_series(1, ?2) g
                        returning id)
                    insert into follow_ups (tenant_id, id, contact_id, type, body, scheduled_at)
                    select current_tenant_id(), gen_random_uuid(), a.id, 'manual_sms', 'Your order is ready', ?3
                      from added a""").setParameter(1, prefix).setParameter(2, TEXTS_EACH).setParameter(3, due)
                    .executeUpdate());
        }
        assertThat(Instant.now()).as("set-up must finish before the texts are due").isBefore(due);
        int total = BUSINESSES * TEXTS_EACH;
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()));
        Instant deadline = due.plusSeconds(120);
        while (TenantJobRunnerTest.requestsPerRecipient().values().stream().mapToLong(Long::longValue).sum() < total
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Instant lastSent = Instant.EPOCH;
        for (Fixtures.TwilioBusiness shop : shops) {
            Instant last = scope.call(shop.tenantId(), () -> (Instant) em.createNativeQuery(
                    "select max(sent_at) from follow_ups where status = 'sent'", Instant.class).getSingleResult());
            lastSent = last != null && last.isAfter(lastSent) ? last : lastSent;
        }
        Map<String, Long> perRecipient = TenantJobRunnerTest.requestsPerRecipient();
        double seconds = Duration.between(due, lastSent).toMillis() / 1000.0;
        System.out.printf("DISPATCH BENCHMARK: %d texts due at once, %d requests at the stub to %d numbers, "
                + "last recorded %.2f s after they were due: %.0f texts/s%n", total,
                perRecipient.values().stream().mapToLong(Long::longValue).sum(), perRecipient.size(), seconds,
                total / seconds);
        assertThat(perRecipient).hasSize(total).allSatisfy((to, count) -> assertThat(count).isOne());
    }
}
