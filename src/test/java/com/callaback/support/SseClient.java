package com.callaback.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent events client as a browser's EventSource reads the stream: events (id, name, data) and comments,
 * each put on a queue as it arrives. Requests carry the test's {@code @TestSecurity} identity like any other.
 */
public final class SseClient implements AutoCloseable {

    /** One dispatched event; a comment line (heartbeat) has a null name and the comment as data. */
    public record Event(String id, String name, String data) {
        public boolean isComment() {
            return name == null;
        }
    }

    private final BlockingQueue<Event> received = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;
    public final int status;
    public final String contentType;
    public final java.net.http.HttpHeaders headers;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("content-type").orElse("");
        this.headers = response.headers();
        this.body = response.body();
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(URI uri, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new SseClient(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The next event (comments skipped), or null if none came within the time. */
    public Event next(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Event event = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || !event.isComment()) {
                return event;
            }
        }
    }

    /** The next comment line (a heartbeat), or null if none came within the time. */
    public Event nextComment(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Event event = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event.isComment()) {
                return event;
            }
        }
    }

    /** Every event that arrives within the time, in order (comments skipped). */
    public List<Event> drain(Duration within) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        Event event;
        while ((event = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            events.add(event);
        }
        return events;
    }

    /** Whether the server ended the stream (the reader saw its end) within the time. */
    public boolean endsWithin(Duration within) throws InterruptedException {
        reader.join(within.toMillis());
        return !reader.isAlive();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Event(null, null, line.substring(1).trim()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
