package com.callaback.jobs;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A background job in the shape {@link TenantJobRunner} runs: claim rows of any business, prepare them inside
 * their business, call out with no transaction open, record the outcomes inside the business. The job carries
 * its tenant: every step after the claim runs as the business the row belongs to.
 *
 * @param <P> what one call out needs, read while preparing
 * @param <R> what one call out came back with, to record
 */
public interface TenantJob<P, R> {

    /** The name in logs. */
    String name();

    /** This job's schedule and settings. */
    JobsConfig.Job settings(JobsConfig config);

    /** Claims up to {@code batch} rows of any business (a SQL function); runs in a transaction of no business. */
    List<JobClaim> claim(String worker, int batch, Duration lease);

    /**
     * Inside the transaction of one business: settles what needs no call and returns one item per call to make.
     * Rows left out are done with, or stay claimed until their lease runs out.
     */
    List<P> prepare(List<UUID> ids, String worker);

    /**
     * With no transaction open: makes one call; returns its outcome, or null when there is nothing to record.
     * Throwing leaves the row claimed until its lease runs out.
     */
    R callOut(UUID tenantId, P prepared, String worker);

    /** Inside the transaction of one business: records outcomes; returns how many count as done. */
    int record(List<R> outcomes, String worker);

    /**
     * Whether several businesses' rows may be prepared and recorded in one shared transaction
     * ({@link com.callaback.tenant.TenantScope#callEach}) through {@link #prepareShared} and {@link #recordShared}.
     */
    default boolean sharesTransactions() {
        return false;
    }

    /**
     * Plain SQL only, as one business of a shared transaction: the items to call for, when the rows need nothing
     * but reading; or null, and {@link #prepare} runs in the business's own transaction instead.
     */
    default List<P> prepareShared(List<UUID> ids, String worker) {
        return null;
    }

    /**
     * Plain SQL only, as one business of a shared transaction: records what needs nothing more, and returns what
     * is left for {@link #record} in the business's own transaction.
     */
    default Recorded<R> recordShared(List<R> outcomes, String worker) {
        return new Recorded<>(0, outcomes);
    }

    /** What a shared transaction recorded: how many count as done, and what is left for the business's own. */
    record Recorded<R>(int done, List<R> left) {
    }

    /**
     * Whether a round claims again after a full batch. Only for claims that take rows out of the due set (a
     * lease, a new status): otherwise the same rows would come straight back.
     */
    default boolean keepsClaiming() {
        return true;
    }
}
