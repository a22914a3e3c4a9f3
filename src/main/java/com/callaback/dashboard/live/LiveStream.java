package com.callaback.dashboard.live;

import java.time.Duration;
import java.time.Instant;

import java.util.UUID;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** One open browser stream: whose it is, for which business, and the last event it was sent. */
final class LiveStream {

    /** How long a browser waits before reconnecting after the stream ended. */
    private static final long RECONNECT_MILLIS = 2_000;

    final UUID tenantId;
    /** The business is an agency: the stream carries its clients' events too. */
    final boolean agency;
    final UUID userId;
    private final SseEventSink sink;
    private final Sse sse;
    private volatile LivePosition position;
    private final Instant openedAt = Instant.now();

    LiveStream(UUID tenantId, boolean agency, UUID userId, LivePosition position, SseEventSink sink, Sse sse) {
        this.tenantId = tenantId;
        this.agency = agency;
        this.userId = userId;
        this.position = position;
        this.sink = sink;
        this.sse = sse;
    }

    LivePosition position() {
        return position;
    }

    /** Whether it has lasted longer than {@code maxLife}. */
    boolean olderThan(Duration maxLife) {
        return openedAt.plus(maxLife).isBefore(Instant.now());
    }

    boolean isOpen() {
        return !sink.isClosed();
    }

    void opened() {
        send(sse.newEventBuilder().comment("connected").reconnectDelay(RECONNECT_MILLIS).build());
    }

    /** Sends the event unless this stream is already past it. */
    void offer(LiveEvent event) {
        if (position.isBefore(event.position())) {
            position = event.position();
            send(sse.newEventBuilder().id(event.position().toString()).name(event.kind()).data(event.json()).build());
        }
    }

    void heartbeat() {
        send(sse.newEventBuilder().comment("ping").build());
    }

    /** Tells the page to stop listening (it would otherwise reconnect), then ends the stream. */
    void signOut() {
        send(sse.newEventBuilder().name("signed-out").data("{}").build());
        close();
    }

    void close() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }

    private void send(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return;
        }
        sink.send(event).whenComplete((ignored, failure) -> {
            if (failure != null) {
                close();
            }
        });
    }
}
