package com.callaback.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioStub;
import com.callaback.support.TwilioWebhooks;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Measures the missed-call path on this machine: signed webhook latency (incoming call + dial status, the two
 * requests Twilio waits on), the dispatcher's send rate against the local Twilio stub, and heap after the run.
 * Not part of the test suite: run {@code ./mvnw verify -Pbenchmark}; results go to target/benchmark.md.
 */
@QuarkusTest
@Tag("benchmark")
class MissedCallBenchmarkTest {

    private static final int WARMUP_CALLS = 200;
    private static final int CALLS = 1000;
    private static final int THREADS = 8;

    @Inject
    Fixtures fixtures;
    @Inject
    OutboxDispatcher dispatcher;

    @Test
    void missedCallPath() throws Exception {
        TwilioStub.resetToDefaults();
        while (dispatcher.dispatchDue("bench-drain") > 0) {
            // start from an empty outbox
        }
        List<Fixtures.TwilioBusiness> businesses = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            businesses.add(fixtures.twilioBusiness("Benchmark Business " + i, true));
        }
        run(businesses, WARMUP_CALLS, 0);
        while (dispatcher.dispatchDue("bench-warmup") > 0) {
            // send the warm-up texts
        }

        long started = System.nanoTime();
        List<Long> latencies = run(businesses, CALLS, 1);
        double webhookSeconds = (System.nanoTime() - started) / 1e9;

        long sendStart = System.nanoTime();
        int sent = 0;
        for (int round; (round = dispatcher.dispatchDue("bench-dispatcher")) > 0;) {
            sent += round;
        }
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        assertThat(sent).isEqualTo(CALLS);

        System.gc();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        Collections.sort(latencies);
        String report = String.format(Locale.ROOT, """
                # Missed-call benchmark (%s)

                | measure | value |
                |---|---|
                | missed calls (incoming-call + dial-status, signed, %d threads) | %d |
                | webhook requests per second | %.0f |
                | webhook latency p50 / p95 / p99 (ms) | %.1f / %.1f / %.1f |
                | texts sent by one dispatcher (batches of 25, Twilio stub on loopback) | %d in %.1f s = %.0f/s |
                | heap used after the run, after GC (MB) | %d |
                | machine | %d cores, %s %s |
                """, Instant.now(), THREADS, CALLS, 2 * CALLS / webhookSeconds, ms(latencies, 0.50),
                ms(latencies, 0.95), ms(latencies, 0.99), sent, sendSeconds, sent / sendSeconds, heapMb,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        Files.writeString(Path.of("target/benchmark.md"), report);
        System.out.println(report);
    }

    /** Each call is two requests; the latency recorded is per request. */
    private static List<Long> run(List<Fixtures.TwilioBusiness> businesses, int calls, int seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(businesses.size());
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < businesses.size(); t++) {
            Fixtures.TwilioBusiness business = businesses.get(t);
            int share = calls / businesses.size();
            int offset = t * share;
            futures.add(pool.submit((Callable<List<Long>>) () -> {
                List<Long> times = new ArrayList<>();
                TwilioWebhooks twilio = new TwilioWebhooks();
                for (int i = 0; i < share; i++) {
                    String caller = String.format("+1773555%04d", (seed * 5000 + offset + i) % 10000);
                    String callSid = TwilioCalls.callSid();
                    long a = System.nanoTime();
                    twilio.post("/api/twilio/incoming-call", business.authToken(),
                            TwilioCalls.incomingCall(business, callSid, caller)).then().statusCode(200);
                    long b = System.nanoTime();
                    twilio.post("/api/twilio/dial-status", business.authToken(),
                            TwilioCalls.dialStatus(business, callSid, caller, "no-answer")).then().statusCode(200);
                    long c = System.nanoTime();
                    times.add(b - a);
                    times.add(c - b);
                }
                return times;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        return all;
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }
}
