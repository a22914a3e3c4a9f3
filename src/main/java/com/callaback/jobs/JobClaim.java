package com.callaback.jobs;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

/** One claimed row: the business it belongs to, so the job enters that business, and its id. */
public record JobClaim(UUID tenantId, UUID id) {

    /**
     * The rows a claim function hands this worker for the lease; every job's claim function has the shape
     * {@code name(worker text, batch integer, lease_seconds integer) returns table (tenant_id uuid, <id> uuid)}.
     *
     * @param function the function's name, a constant of the calling job (never input)
     */
    public static List<JobClaim> leased(EntityManager em, String function, String worker, int batch, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select * from " + function + "(?1, ?2, ?3)")
                .setParameter(1, worker).setParameter(2, batch).setParameter(3, (int) lease.toSeconds())
                .getResultList();
        return of(rows);
    }

    /** Rows of (tenant_id, id), as claim functions return them. */
    public static List<JobClaim> of(List<Object[]> rows) {
        return rows.stream().map(row -> new JobClaim((UUID) row[0], (UUID) row[1])).toList();
    }
}
