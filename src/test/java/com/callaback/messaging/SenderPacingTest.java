package com.callaback.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A sender number out of capacity holds its texts back without losing them or counting an attempt. */
@QuarkusTest
@TestProfile(SenderPacingTest.SlowSenders.class)
class SenderPacingTest {

    /** Three texts at once per number, then one a second. */
    public static class SlowSenders implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callaback.dispatcher.sender-burst", "3", "callaback.dispatcher.sender-rate", "1");
        }
    }

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    EntityManager em;

    @Test
    void aBusyNumberSendsItsBurstNowAndTheRestLaterWhileAnotherNumberIsNotHeldUp() throws Exception {
        TwilioStub.resetForTest(dispatcher);
        Fixtures.TwilioBusiness busy = fixtures.twilioBusiness("Busy Number Builders", true);
        Fixtures.TwilioBusiness quiet = fixtures.twilioBusiness("Quiet Number Quilts", true);
        for (int i = 0; i < 8; i++) {
            schedule(busy, "Busy " + i);
        }
        schedule(quiet, "Quiet 0");
        schedule(quiet, "Quiet 1");

        Instant roundStarted = Instant.now();
        // All of a business's texts of a batch take their tokens within milliseconds: 3 of the busy number's go.
        assertThat(dispatcher.dispatchDue("pacing-worker")).isEqualTo(5);
        assertThat(textsFrom(busy)).isEqualTo(3);
        assertThat(textsFrom(quiet)).isEqualTo(2);
        scope.run(busy.tenantId(), () -> {
            assertThat(FollowUp.count("status", FollowUpStatus.SENT)).isEqualTo(3);
            for (FollowUp waiting : FollowUp.<FollowUp>list("status", FollowUpStatus.PENDING)) {
                assertThat(waiting.attempts).as("held back is not an attempt").isZero();
                assertThat(waiting.claimedBy).isNull();
                assertThat(waiting.scheduledAt).as("back in the queue, briefly").isAfter(roundStarted)
                        .isBefore(Instant.now().plusSeconds(10));
            }
            assertThat(FollowUp.count("status", FollowUpStatus.PENDING)).isEqualTo(5);
        });

        for (int round = 0; round < 30 && textsFrom(busy) < 8; round++) {
            Thread.sleep(500);
            scope.run(busy.tenantId(), () -> em.createNativeQuery(
                    "update follow_ups set scheduled_at = now() where status = 'pending'").executeUpdate());
            dispatcher.dispatchDue("pacing-worker");
        }
        assertThat(textsFrom(busy)).isEqualTo(8);
        scope.run(busy.tenantId(), () -> {
            assertThat(FollowUp.count("status", FollowUpStatus.SENT)).isEqualTo(8);
            assertThat(FollowUp.<FollowUp>listAll()).allSatisfy(text -> assertThat(text.attempts).isOne());
        });
    }

    private void schedule(Fixtures.TwilioBusiness shop, String body) {
        UUID contactId = fixtures.contact(shop.tenantId(), Fixtures.randomPhone(), null);
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, FollowUpType.MANUAL_SMS, body,
                Instant.now()));
    }

    private static int textsFrom(Fixtures.TwilioBusiness shop) {
        return TwilioStub.server().findAll(postRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid()
                + "/Messages.json"))).size();
    }
}
