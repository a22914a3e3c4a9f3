package com.callaback.dashboard.live;

import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The open streams of this replica, by business, and the one thread that feeds them: woken by an announcement
 * from the database, it reads the business's new events once and offers each to every stream of that business.
 * The same thread sends heartbeats and, as a safety net, re-reads every business it streams for.
 */
@ApplicationScoped
public class LiveStreams {

    private static final Logger LOG = Logger.getLogger(LiveStreams.class);

    @Inject
    LiveEventLog log;
    @Inject
    LiveConfig config;

    private final Map<UUID, Set<LiveStream>> byTenant = new ConcurrentHashMap<>();
    private final Set<UUID> retrying = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService feeder;

    void start(@Observes StartupEvent started) {
        feeder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "live-streams");
            thread.setDaemon(true);
            return thread;
        });
        long heartbeat = config.heartbeat().toMillis();
        feeder.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long sweep = config.sweep().toMillis();
        feeder.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (feeder != null) {
            feeder.shutdownNow();
        }
        byTenant.values().forEach(streams -> streams.forEach(LiveStream::close));
    }

    /** Opens a stream of the business's events after {@code from}; what it missed since is sent first. */
    public void open(UUID tenantId, boolean agency, UUID userId, LivePosition from, SseEventSink sink, Sse sse) {
        LiveStream stream = new LiveStream(tenantId, agency, userId, from, sink, sse);
        byTenant.computeIfAbsent(tenantId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        stream.opened();
        wake(tenantId);
    }

    /** A change of this business was committed (on any replica). */
    public void wake(UUID tenantId) {
        if (byTenant.containsKey(tenantId)) {
            feeder.execute(() -> feed(tenantId));
        }
    }

    /** Wakes every business with an open stream here: after the announcements connection was lost. */
    public void wakeAll() {
        byTenant.keySet().forEach(this::wake);
    }

    /** Ends every stream of the person (signed out): their pages stop listening. */
    public void signOut(UUID userId) {
        // On the feeding thread, like every other write to the streams.
        feeder.execute(() -> byTenant.values().forEach(streams -> streams.stream()
                .filter(s -> s.userId.equals(userId)).forEach(LiveStream::signOut)));
    }

    /** Open streams of this business on this replica. */
    int openStreams(UUID tenantId) {
        Set<LiveStream> streams = byTenant.get(tenantId);
        return streams == null ? 0 : (int) streams.stream().filter(LiveStream::isOpen).count();
    }

    private void feed(UUID tenantId) {
        Set<LiveStream> streams = openStreamsOf(tenantId);
        if (streams.isEmpty()) {
            return;
        }
        try {
            // An agency's streams carry its clients' events too (its roll-up page redraws on them).
            boolean agency = streams.stream().anyMatch(s -> s.agency);
            LivePosition from = streams.stream().map(LiveStream::position).min(LivePosition::compareTo).orElseThrow();
            LiveEventLog.Batch batch;
            do {
                batch = agency ? log.afterWithClients(tenantId, from, config.batch())
                        : log.after(tenantId, from, config.batch());
                for (LiveEvent event : batch.events()) {
                    streams.forEach(s -> s.offer(event));
                    from = event.position();
                }
            } while (batch.events().size() == config.batch());
            if (batch.heldBack() && retrying.add(tenantId)) {
                // Committed events wait behind an older transaction that is still running: look again soon.
                feeder.schedule(() -> {
                    retrying.remove(tenantId);
                    feed(tenantId);
                }, config.retry().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not read the live events of business %s; the next sweep tries again", tenantId);
        }
    }

    private Set<LiveStream> openStreamsOf(UUID tenantId) {
        Set<LiveStream> streams = byTenant.get(tenantId);
        if (streams == null) {
            return Set.of();
        }
        streams.removeIf(s -> !s.isOpen());
        if (streams.isEmpty()) {
            byTenant.remove(tenantId, streams);
        }
        return streams;
    }

    private void heartbeat() {
        endOlderThan(config.maxLife());
        byTenant.keySet().forEach(tenantId -> openStreamsOf(tenantId).forEach(LiveStream::heartbeat));
    }

    /**
     * Ends the streams open for longer than {@code maxLife}: the browser reconnects from its last event, signed in
     * and admitted to the business again, so a person removed from the team or signed out elsewhere stops receiving.
     */
    void endOlderThan(Duration maxLife) {
        // On the feeding thread, like every other write to the streams.
        feeder.execute(() -> byTenant.values().forEach(streams -> streams.stream()
                .filter(stream -> stream.olderThan(maxLife)).forEach(LiveStream::close)));
    }

    private void sweep() {
        List.copyOf(byTenant.keySet()).forEach(this::feed);
    }
}
