package com.callaback.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Live events are announced by one function outside the writers' transactions: a NOTIFY in a writer's transaction
 * would make every such commit wait for the one before (PostgreSQL's notify lock is held until the commit is
 * flushed), which cut the webhook path to a third of its throughput in the benchmark. That events still reach
 * open streams, announced this way, LiveStreamTest shows.
 */
@QuarkusTest
class LiveAnnouncerTest {

    @Inject
    EntityManager em;

    @Test
    void noFunctionButTheAnnouncerNotifies() {
        @SuppressWarnings("unchecked")
        List<Object> notifying = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace and n.nspname = 'public'
                 where p.prosrc ilike '%pg_notify%' or p.prosrc ilike '%notify %'
                 order by 1""").getResultList());
        assertThat(notifying).containsExactly("announce_live_events");
    }
}
