package com.callaback.dashboard.live;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The live_events table (written by triggers, see V21): reading a tenant's events in order, and the horizon. */
@ApplicationScoped
public class LiveEventLog {

    /** The oldest transaction still running: every transaction older than it has ended, committed or not. */
    private static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    /**
     * Events after a position that may be sent now, and whether committed events wait behind an older transaction
     * still running (they may be sent once it ends, so the reader looks again soon).
     */
    public record Batch(List<LiveEvent> events, boolean heldBack) {
    }

    /** Up to {@code limit} of the tenant's events after {@code from}, only of transactions that have all ended. */
    public Batch after(UUID tenantId, LivePosition from, int limit) {
        return scope.call(tenantId, () -> {
            // Rows are ordered by transaction, so those behind the horizon come last.
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("with horizon as materialized (select " + HORIZON + " as txid)"
                    + " select e.txid, e.id, e.kind, e.subject_id, e.contact_id, e.txid >= h.txid"
                    + " from live_events e, horizon h where (e.txid, e.id) > (?1, ?2)"
                    + " order by e.txid, e.id limit ?3")
                    .setParameter(1, from.txid()).setParameter(2, from.id()).setParameter(3, limit + 1)
                    .getResultList();
            return batchOf(rows, limit);
        });
    }

    /**
     * As {@link #after}, for an agency: its own events and its clients' ({@code agency_live_events}, V26), the
     * clients' without the ids of their rows.
     */
    public Batch afterWithClients(UUID agencyId, LivePosition from, int limit) {
        return scope.call(agencyId, () -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select * from agency_live_events(?1, ?2, ?3)")
                    .setParameter(1, from.txid()).setParameter(2, from.id()).setParameter(3, limit + 1)
                    .getResultList();
            return batchOf(rows, limit);
        });
    }

    private static Batch batchOf(List<Object[]> rows, int limit) {
        List<LiveEvent> ready = rows.stream().takeWhile(r -> !((Boolean) r[5])).limit(limit)
                .map(r -> new LiveEvent(new LivePosition(((Number) r[0]).longValue(), ((Number) r[1]).longValue()),
                        (String) r[2], (UUID) r[3], (UUID) r[4]))
                .toList();
        return new Batch(ready, rows.stream().anyMatch(r -> (Boolean) r[5]));
    }

    /**
     * Where a page rendered now starts listening: before the events of every transaction still running. Taken
     * before the page reads its data, so what the page shows plus what the stream sends misses nothing (a change
     * may arrive twice, which redraws the same figures).
     */
    public LivePosition now() {
        long horizon = QuarkusTransaction.requiringNew().call(
                () -> ((Number) em.createNativeQuery("select " + HORIZON).getSingleResult()).longValue());
        return LivePosition.before(horizon);
    }

    /** Deletes every tenant's events older than this (a browser away that long reloads the page anyway). */
    public int prune(int olderThanSeconds) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select prune_live_events(?1)").setParameter(1, olderThanSeconds)
                .getSingleResult()).intValue());
    }
}
