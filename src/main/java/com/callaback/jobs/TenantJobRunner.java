package com.callaback.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.callaback.tenant.TenantScope;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Runs rounds of {@link TenantJob}s. A round claims a batch, prepares each business's rows in one transaction of
 * that business (or, for a job that allows it, a group of businesses in one shared transaction), makes the calls
 * concurrently on a bounded pool with no transaction open, and records each business's outcomes the same way; then, while full batches come back, it claims again (up to
 * {@code max-batches-per-round}). A batch is finished before the next is claimed, so a row's outcome is recorded
 * before a later row of the same contact is prepared.
 */
@ApplicationScoped
public class TenantJobRunner {

    private static final Logger LOG = Logger.getLogger(TenantJobRunner.class);

    @Inject
    TenantScope tenantScope;
    @Inject
    JobsConfig config;

    private ExecutorService calls;
    private ExecutorService database;
    /** Set on shutdown: rounds claim nothing more, and jobs hand back what they have not started. */
    private volatile boolean stopping;
    private final Object roundsLock = new Object();
    private int roundsUnderWay;

    /** What one round did: rows claimed, and how many of them the job counted as done. */
    public record Round(int claimed, int done) {
    }

    @PostConstruct
    void start() {
        calls = Executors.newFixedThreadPool(config.concurrency(), named("job-call"));
        database = Executors.newFixedThreadPool(config.databaseConcurrency(), named("job-db"));
    }

    /** Shutdown (SIGTERM) begins: let the rounds under way finish, within the grace period, before the pools go. */
    void onShutdown(@Observes ShutdownEvent event) {
        if (!drain(config.shutdownGrace())) {
            LOG.warnf("Jobs still running after %s: their claims run out and other replicas take the rows over",
                    config.shutdownGrace());
        }
    }

    /**
     * Stops claiming and waits until no round is under way, at most {@code grace}; returns whether all finished.
     * Rows claimed and not yet worked on are handed back by the jobs themselves ({@link #stopping()}).
     */
    public boolean drain(Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (roundsLock) {
            while (roundsUnderWay > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    roundsLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Claims again after {@link #drain} (a shutdown called off; tests). */
    public void resume() {
        stopping = false;
    }

    /** Whether this replica is shutting down: a job hands back rows it has not started instead of working them. */
    public boolean stopping() {
        return stopping;
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
        database.shutdownNow();
    }

    /** How long the job's claims last. */
    public Duration leaseOf(TenantJob<?, ?> job) {
        return job.settings(config).lease().orElse(config.lease());
    }

    /** One round of a job for one worker (a replica's name on the rows it claims). */
    @ActivateRequestContext
    public <P, R> Round run(TenantJob<P, R> job, String worker) {
        JobsConfig.Job settings = job.settings(config);
        int batch = settings.batchSize().orElse(config.batchSize());
        Duration lease = leaseOf(job);
        int claimed = 0;
        int done = 0;
        synchronized (roundsLock) {
            if (stopping) {
                return new Round(0, 0);
            }
            roundsUnderWay++;
        }
        try {
            for (int batches = 0; batches < config.maxBatchesPerRound() && !stopping; batches++) {
                long start = System.nanoTime();
                List<JobClaim> claims = QuarkusTransaction.requiringNew().call(() -> job.claim(worker, batch, lease));
                claimed += claims.size();
                done += runBatch(job, claims, worker);
                if (!claims.isEmpty()) {
                    LOG.debugf("%s: %d rows of %d businesses in %d ms", job.name(), claims.size(),
                            claims.stream().map(JobClaim::tenantId).distinct().count(),
                            (System.nanoTime() - start) / 1_000_000);
                }
                if (claims.size() < batch || !job.keepsClaiming()) {
                    break;
                }
            }
        } finally {
            synchronized (roundsLock) {
                roundsUnderWay--;
                roundsLock.notifyAll();
            }
        }
        return new Round(claimed, done);
    }

    private <P, R> int runBatch(TenantJob<P, R> job, List<JobClaim> claims, String worker) {
        Map<UUID, List<UUID>> byTenant = new LinkedHashMap<>();
        claims.forEach(claim -> byTenant.computeIfAbsent(claim.tenantId(), t -> new ArrayList<>()).add(claim.id()));
        List<CompletableFuture<Integer>> businesses = new ArrayList<>();
        if (job.sharesTransactions()) {
            for (List<UUID> group : groups(byTenant.keySet(), config.businessesPerTransaction())) {
                businesses.add(CompletableFuture
                        .supplyAsync(() -> prepareTogether(job, group, byTenant, worker), database)
                        .thenCompose(prepared -> callAll(job, prepared, worker))
                        .thenApplyAsync(outcomes -> recordTogether(job, outcomes, worker), database)
                        .exceptionally(e -> {
                            LOG.errorf(e, "%s: rows of %d businesses not worked on; their claims run out", job.name(),
                                    group.size());
                            return 0;
                        }));
            }
        } else {
            byTenant.forEach((tenantId, ids) -> businesses.add(CompletableFuture
                    .supplyAsync(() -> prepare(job, tenantId, ids, worker), database)
                    .thenCompose(prepared -> callAll(job, tenantId, prepared, worker))
                    .thenApplyAsync(outcomes -> record(job, tenantId, outcomes, worker), database)
                    .exceptionally(e -> {
                        LOG.errorf(e, "%s: rows of business %s not worked on; their claims run out", job.name(),
                                tenantId);
                        return 0;
                    })));
        }
        return businesses.stream().mapToInt(CompletableFuture::join).sum();
    }

    /**
     * Prepares a group of businesses in one shared transaction; a business whose rows need more than reading, or
     * a group whose shared transaction failed, is prepared in the business's own transaction.
     */
    private <P, R> Map<UUID, List<P>> prepareTogether(TenantJob<P, R> job, List<UUID> group,
            Map<UUID, List<UUID>> byTenant, String worker) {
        Map<UUID, List<P>> prepared = new LinkedHashMap<>();
        try {
            prepared.putAll(tenantScope.callEach(group, tenantId -> job.prepareShared(byTenant.get(tenantId), worker)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: %d businesses prepared together failed; each is prepared alone", job.name(), group.size());
        }
        for (UUID tenantId : group) {
            if (prepared.get(tenantId) == null) {
                prepared.put(tenantId, prepare(job, tenantId, byTenant.get(tenantId), worker));
            }
        }
        return prepared;
    }

    /**
     * Records a group of businesses' outcomes in one shared transaction; what a business leaves, or all of a
     * group whose shared transaction failed (it rolled back), is recorded in the business's own transaction.
     */
    private <P, R> int recordTogether(TenantJob<P, R> job, Map<UUID, List<R>> outcomes, String worker) {
        Map<UUID, List<R>> some = new LinkedHashMap<>();
        outcomes.forEach((tenantId, list) -> {
            if (!list.isEmpty()) {
                some.put(tenantId, list);
            }
        });
        if (some.isEmpty()) {
            return 0;
        }
        Map<UUID, TenantJob.Recorded<R>> recorded = new LinkedHashMap<>();
        try {
            recorded.putAll(tenantScope.callEach(some.keySet(), tenantId -> job.recordShared(some.get(tenantId), worker)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: %d businesses recorded together failed; each is recorded alone", job.name(), some.size());
            some.forEach((tenantId, list) -> recorded.put(tenantId, new TenantJob.Recorded<>(0, list)));
        }
        int done = 0;
        for (Map.Entry<UUID, TenantJob.Recorded<R>> entry : recorded.entrySet()) {
            done += entry.getValue().done() + record(job, entry.getKey(), entry.getValue().left(), worker);
        }
        return done;
    }

    private <P, R> CompletableFuture<Map<UUID, List<R>>> callAll(TenantJob<P, R> job, Map<UUID, List<P>> prepared,
            String worker) {
        Map<UUID, CompletableFuture<List<R>>> calls = new LinkedHashMap<>();
        prepared.forEach((tenantId, items) -> calls.put(tenantId, callAll(job, tenantId, items, worker)));
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new)).thenApply(all -> {
            Map<UUID, List<R>> outcomes = new LinkedHashMap<>();
            calls.forEach((tenantId, call) -> outcomes.put(tenantId, call.join()));
            return outcomes;
        });
    }

    private static List<List<UUID>> groups(Collection<UUID> tenantIds, int size) {
        List<UUID> all = new ArrayList<>(tenantIds);
        List<List<UUID>> groups = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            groups.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return groups;
    }

    private <P, R> CompletableFuture<List<R>> callAll(TenantJob<P, R> job, UUID tenantId, List<P> prepared,
            String worker) {
        List<CompletableFuture<R>> results = prepared.stream()
                .map(item -> CompletableFuture.supplyAsync(() -> inRequestContext(() -> job.callOut(tenantId, item, worker)),
                        calls)
                        .exceptionally(e -> {
                            // The row stays claimed; its lease runs out and a later round retries it.
                            LOG.errorf(e, "%s: a call for business %s failed", job.name(), tenantId);
                            return null;
                        }))
                .toList();
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(all -> results.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
    }

    private <P, R> List<P> prepare(TenantJob<P, R> job, UUID tenantId, List<UUID> ids, String worker) {
        return eachAloneOnFailure(ids, part -> tenantScope.call(tenantId, () -> job.prepare(part, worker)),
                List::of, "prepared", job, tenantId);
    }

    private <P, R> int record(TenantJob<P, R> job, UUID tenantId, List<R> outcomes, String worker) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        return eachAloneOnFailure(outcomes, part -> List.of(tenantScope.call(tenantId, () -> job.record(part, worker))),
                () -> List.of(0), "recorded", job, tenantId).stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Works on a whole list in one transaction; if that fails, on each element alone, so one bad row does not
     * hold back the others of its business.
     */
    private static <T, O> List<O> eachAloneOnFailure(List<T> items, Function<List<T>, List<O>> work,
            Supplier<List<O>> none, String what, TenantJob<?, ?> job, UUID tenantId) {
        try {
            return work.apply(items);
        } catch (RuntimeException e) {
            if (items.size() == 1) {
                LOG.errorf(e, "%s: a row of business %s could not be %s", job.name(), tenantId, what);
                return none.get();
            }
        }
        List<O> results = new ArrayList<>();
        for (T item : items) {
            results.addAll(eachAloneOnFailure(List.of(item), work, none, what, job, tenantId));
        }
        return results;
    }

    /** A call out runs as the round's own thread did: with a request context, as some services expect. */
    private static <T> T inRequestContext(Supplier<T> work) {
        ManagedContext context = Arc.container().requestContext();
        context.activate();
        try {
            return work.get();
        } finally {
            context.terminate();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
