package com.callaback.messaging;

import static com.callaback.followups.FollowUpType.MANUAL_SMS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.jobs.TenantJobRunner;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A replica shutting down (issue 12, "graceful shutdown"; SIGTERM calls the same drain): the round under way finishes
 * the texts already with Twilio and records them, claims no further batch, and leaves no text leased to itself; the
 * rest wait in the queue, their attempts untouched, for the replicas that stay.
 */
@QuarkusTest
class OutboxShutdownTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    TenantJobRunner runner;

    @BeforeEach
    void resetTwilio() {
        TwilioStub.resetForTest(dispatcher);
    }

    @AfterEach
    void resumeJobs() {
        runner.resume();
    }

    @Test
    void aShutdownFinishesTheTextsWithTwilioAndHandsBackTheRest() throws Exception {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Shutdown Stationers", true);
        // Claims take 20 texts in tests. The shutdown begins once the first of them is with Twilio (which answers
        // slowly); how many more of the batch are handed over by then depends on the machine's speed.
        for (int i = 0; i < 50; i++) {
            UUID contactId = fixtures.contact(shop.tenantId(), Fixtures.randomPhone(), null);
            scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Pens are in",
                    Instant.now()));
        }
        TwilioStub.server().stubFor(post(messagesOf(shop)).atPriority(1).willReturn(aResponse().withStatus(201)
                .withFixedDelay(1500).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM{{randomValue length=32 type='HEXADECIMAL'}}\", \"status\": \"queued\"}")));

        CompletableFuture<Integer> round = CompletableFuture.supplyAsync(() -> dispatcher.dispatchDue("leaving-worker"));
        while (TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))).isEmpty()) {
            Thread.sleep(20);
        }
        assertThat(runner.drain(Duration.ofSeconds(10))).as("the round finished within the grace").isTrue();
        int sent = round.get();

        // The texts already with Twilio when the shutdown began are recorded; those of the batch not yet handed
        // over went back to the queue; no further batch was claimed.
        int handedOver = TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))).size();
        assertThat(sent).isEqualTo(handedOver).isBetween(1, 20);
        assertThat(dispatcher.dispatchDue("leaving-worker")).as("nothing is claimed while stopping").isZero();
        assertThat(TwilioStub.server().findAll(postRequestedFor(messagesOf(shop)))).hasSize(handedOver);
        scope.run(shop.tenantId(), () -> {
            List<FollowUp> texts = FollowUp.list("type", MANUAL_SMS);
            assertThat(texts).filteredOn(t -> t.status == FollowUpStatus.SENT).hasSize(sent);
            assertThat(texts).filteredOn(t -> t.status == FollowUpStatus.PENDING).hasSize(50 - sent)
                    .allSatisfy(t -> assertThat(t.attempts).isZero());
            assertThat(texts).noneMatch(t -> t.status == FollowUpStatus.SENDING || t.claimedBy != null);
        });

        // Another replica (here: this one, resumed) sends the rest, each once.
        runner.resume();
        TwilioStub.resetToDefaults();
        while (dispatcher.dispatchDue("staying-worker") > 0) {
            // until nothing is due
        }
        assertThat(TwilioStub.server().findAll(postRequestedFor(messagesOf(shop)))).as("the rest, each once")
                .hasSize(50 - sent);
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.count("status", FollowUpStatus.SENT)).isEqualTo(50));
    }

    private static com.github.tomakehurst.wiremock.matching.UrlPattern messagesOf(Fixtures.TwilioBusiness shop) {
        return urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json");
    }
}
