package com.callaback.dashboard.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.support.SseClient;
import com.callaback.tenant.TenantScope;

import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The live stream (server-sent events): a business's open stream gets its own changes and nothing of another's,
 * a reconnect resumes after the last event it got without losing or repeating one, an event committed after a
 * later-numbered one is still sent, idle streams get heartbeats, and signing out ends the person's streams.
 */
@QuarkusTest
class LiveStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofSeconds(2);

    @TestHTTPResource("/live")
    URL live;
    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;
    @Inject
    LiveStreams streams;
    @Inject
    LiveEventLog log;
    @Inject
    jakarta.enterprise.event.Event<SecurityEvent> securityEvents;

    @Test
    @TestSecurity(user = "live-isolation")
    void aBusinessStreamReceivesItsOwnEventsAndNothingOfAnotherBusiness() throws Exception {
        UUID mine = fixtures.business("Live Mine Plumbing");
        UUID other = fixtures.business("Live Other Plumbing");
        fixtures.member(mine, "live-isolation", "owner");
        fixtures.member(other, "live-isolation", "owner");
        switchTo(mine);

        try (SseClient stream = SseClient.open(live.toURI(), null)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            assertThat(stream.headers.firstValue("X-Accel-Buffering")).as("proxies pass events on at once").hasValue("no");
            awaitOpen(mine);
            UUID contact = fixtures.contact(other, Fixtures.randomPhone(), "Other's caller");
            notify(other, "Other's missed call");
            missedCall(other, contact);
            assertThat(stream.drain(QUIET)).as("another business's events, even one the person belongs to").isEmpty();

            UUID myContact = fixtures.contact(mine, Fixtures.randomPhone(), "My caller");
            UUID call = missedCall(mine, myContact);
            SseClient.Event rang = stream.next(WAIT);
            assertThat(rang).isNotNull();
            assertThat(rang.name()).isEqualTo("call");
            assertThat(rang.data()).contains("\"subject\":\"" + call + "\"", "\"contact\":\"" + myContact + "\"");
            assertThat(rang.id()).matches("\\d+-\\d+");
            SseClient.Event missed = stream.next(WAIT);
            assertThat(missed.name()).as("marked missed").isEqualTo("call");
            assertThat(missed.data()).contains(call.toString());
            assertThat(stream.drain(QUIET)).as("still nothing of the other business").isEmpty();
        }
    }

    @Test
    @TestSecurity(user = "live-resume")
    void aReconnectResumesAfterTheLastEventIdWithoutLosingOrRepeating() throws Exception {
        UUID shop = fixtures.business("Live Resume Bakery");
        fixtures.member(shop, "live-resume", "owner");
        switchTo(shop);

        String lastId;
        try (SseClient stream = SseClient.open(live.toURI(), null)) {
            awaitOpen(shop);
            UUID first = notify(shop, "First");
            SseClient.Event event = stream.next(WAIT);
            assertThat(event.data()).contains(first.toString());
            lastId = event.id();
        }
        UUID second = notify(shop, "Second, while away");
        UUID third = notify(shop, "Third, while away");

        try (SseClient again = SseClient.open(live.toURI(), lastId)) {
            List<SseClient.Event> missed = List.of(again.next(WAIT), again.next(WAIT));
            assertThat(missed).extracting(SseClient.Event::name).containsExactly("notification", "notification");
            assertThat(missed.get(0).data()).contains(second.toString());
            assertThat(missed.get(1).data()).contains(third.toString());
            assertThat(again.drain(QUIET)).as("nothing sent twice").isEmpty();
        }

        given().accept("text/event-stream").header("Last-Event-ID", "not-an-id").get("/live").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "live-order")
    void anEventCommittedAfterAHigherNumberedOneIsNotLost() throws Exception {
        UUID shop = fixtures.business("Live Order Garage");
        fixtures.member(shop, "live-order", "owner");
        switchTo(shop);

        try (SseClient stream = SseClient.open(live.toURI(), null)) {
            awaitOpen(shop);
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            CompletableFuture<UUID> slow = CompletableFuture.supplyAsync(() -> scope.call(shop, () -> {
                UUID id = insertNotification("Slow: takes the lower event id, commits last");
                written.countDown();
                await(commit);
                return id;
            }));
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            UUID fast = notify(shop, "Fast: higher event id, commits first");
            assertThat(stream.drain(QUIET)).as("held back while an older transaction runs").isEmpty();
            commit.countDown();
            UUID slowId = slow.get(10, TimeUnit.SECONDS);

            SseClient.Event one = stream.next(WAIT);
            SseClient.Event two = stream.next(WAIT);
            assertThat(List.of(one.data(), two.data())).as("both, in commit-safe order")
                    .satisfiesExactly(d -> assertThat(d).contains(slowId.toString()),
                            d -> assertThat(d).contains(fast.toString()));
        }
    }

    @Test
    @TestSecurity(user = "live-max-life")
    void aStreamOlderThanItsMaximumLifeIsEndedAndAYoungerOneIsNot() throws Exception {
        UUID shop = fixtures.business("Live Max Life Bakery");
        fixtures.member(shop, "live-max-life", "owner");
        switchTo(shop);

        try (SseClient old = SseClient.open(live.toURI(), null)) {
            assertThat(old.nextComment(WAIT)).as("connected").isNotNull();
            Thread.sleep(50);
            streams.endOlderThan(Duration.ofMillis(20));
            assertThat(old.endsWithin(WAIT)).as("the server ended the old stream").isTrue();
        }
        try (SseClient young = SseClient.open(live.toURI(), null)) {
            assertThat(young.nextComment(WAIT)).as("connected").isNotNull();
            streams.endOlderThan(Duration.ofMinutes(15));
            assertThat(young.endsWithin(QUIET)).as("a stream younger than the maximum stays open").isFalse();
        }
    }

    @Test
    @TestSecurity(user = "live-heartbeat")
    void anIdleStreamGetsHeartbeats() throws Exception {
        UUID shop = fixtures.business("Live Heartbeat Salon");
        fixtures.member(shop, "live-heartbeat", "owner");
        switchTo(shop);
        try (SseClient stream = SseClient.open(live.toURI(), null)) {
            assertThat(stream.nextComment(WAIT)).as("the first comment opens the stream").isNotNull();
            assertThat(stream.nextComment(WAIT)).as("a heartbeat (every 2 s in tests)").isNotNull()
                    .extracting(SseClient.Event::data).isEqualTo("ping");
        }
    }

    @Test
    @TestSecurity(user = "live-sign-out")
    void signingOutEndsThePersonsStreams() throws Exception {
        UUID shop = fixtures.business("Live Sign-out Florist");
        fixtures.member(shop, "live-sign-out", "owner");
        switchTo(shop);
        fixtures.user("live-sign-out");
        try (SseClient stream = SseClient.open(live.toURI(), null)) {
            awaitOpen(shop);
            // What the OIDC extension fires when the person signs out through /logout.
            securityEvents.fireAsync(new SecurityEvent(SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED,
                    QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("live-sign-out")).build()));
            SseClient.Event event = stream.next(WAIT);
            assertThat(event.name()).isEqualTo("signed-out");
            assertThat(stream.endsWithin(WAIT)).as("the server ended the stream").isTrue();
        }
    }

    @Test
    @TestSecurity(user = "live-agency")
    void anAgencyStreamIsWokenByItsClientsEventsWithoutTheirIdsAndByNoOtherBusiness() throws Exception {
        UUID agency = fixtures.agency("Live Agency");
        fixtures.member(agency, "live-agency", "owner");
        UUID client = fixtures.clientOf(agency, "Live Agency Client");
        UUID rivalAgency = fixtures.agency("Live Rival Agency");
        UUID rivalClient = fixtures.clientOf(rivalAgency, "Live Rival Client");
        UUID stranger = fixtures.business("Live Stranger Business");
        fixtures.member(client, "live-agency", "owner");
        switchTo(agency);

        try (SseClient stream = SseClient.open(live.toURI(), null)) {
            awaitOpen(agency);
            missedCall(rivalClient, fixtures.contact(rivalClient, Fixtures.randomPhone(), null));
            missedCall(stranger, fixtures.contact(stranger, Fixtures.randomPhone(), null));
            notify(rivalAgency, "The rival agency's own");
            assertThat(stream.drain(QUIET)).as("another agency's client, a business of no agency, another agency")
                    .isEmpty();

            UUID callerOfClient = fixtures.contact(client, Fixtures.randomPhone(), "Client's caller");
            UUID call = missedCall(client, callerOfClient);
            SseClient.Event rang = stream.next(WAIT);
            assertThat(rang).isNotNull();
            assertThat(rang.name()).isEqualTo("call");
            assertThat(rang.data()).as("a client's event says what changed, not which row")
                    .contains("\"subject\":null", "\"contact\":null").doesNotContain(call.toString(), callerOfClient.toString());
            assertThat(stream.next(WAIT).name()).as("marked missed").isEqualTo("call");

            UUID own = notify(agency, "The agency's own notification");
            SseClient.Event mine = stream.next(WAIT);
            assertThat(mine.name()).isEqualTo("notification");
            assertThat(mine.data()).as("its own events keep their ids").contains(own.toString());
        }

        // The client's own stream never gets its agency's or a sibling's events.
        UUID sibling = fixtures.clientOf(agency, "Live Agency Sibling");
        switchTo(client);
        try (SseClient stream = SseClient.open(live.toURI(), null)) {
            awaitOpen(client);
            notify(agency, "For the agency only");
            missedCall(sibling, fixtures.contact(sibling, Fixtures.randomPhone(), null));
            assertThat(stream.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void eventsOlderThanTheRetentionArePruned() {
        UUID shop = fixtures.business("Live Prune Tailor");
        UUID old = notify(shop, "Long ago");
        UUID recent = notify(shop, "Just now");
        scope.run(shop, () -> em.createNativeQuery("update live_events set created_at = now() - interval '7 hours'"
                + " where subject_id = ?1").setParameter(1, old).executeUpdate());

        assertThat(log.prune(6 * 3600)).isPositive();

        List<Object> left = scope.call(shop, () -> new java.util.ArrayList<Object>(
                em.createNativeQuery("select subject_id from live_events").getResultList()));
        assertThat(left).containsExactly((Object) recent);
    }

    @Test
    void aStrangerIsSentToSignIn() {
        given().redirects().follow(false).get("/live").then().statusCode(302);
    }

    @Test
    @TestSecurity(user = "live-no-business")
    void withoutABusinessThereIsNoStream() {
        fixtures.user("live-no-business");
        given().accept("text/event-stream").get("/live").then().statusCode(404);
    }

    private void awaitOpen(UUID tenantId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.openStreams(tenantId) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(streams.openStreams(tenantId)).isPositive();
    }

    private UUID notify(UUID tenantId, String title) {
        return scope.call(tenantId, () -> insertNotification(title));
    }

    private UUID insertNotification(String title) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into notifications (tenant_id, id, type, title) values (current_tenant_id(), ?1, 'system', ?2)")
                .setParameter(1, id).setParameter(2, title).executeUpdate();
        return id;
    }

    /** A call rung in, then marked missed: the update is the event pages care about. */
    private UUID missedCall(UUID tenantId, UUID contactId) {
        UUID id = UUID.randomUUID();
        scope.run(tenantId, () -> em.createNativeQuery("insert into interactions (tenant_id, id, contact_id, type, direction, status)"
                + " values (current_tenant_id(), ?1, ?2, 'call', 'inbound', 'ringing')")
                .setParameter(1, id).setParameter(2, contactId).executeUpdate());
        scope.run(tenantId, () -> em.createNativeQuery("update interactions set status = 'missed' where id = ?1")
                .setParameter(1, id).executeUpdate());
        return id;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }
}
