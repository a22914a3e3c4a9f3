package com.callaback.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.followups.SkipReason;
import com.callaback.messaging.OutboundTextService;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.messaging.TextOutcomes;
import com.callaback.support.CountingDriver;
import com.callaback.support.AsTenant;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The tenant-job runner, driven through the outbox: a round keeps claiming while full batches come back (up to its
 * bound), concurrent rounds never send a text twice, and a business's steps never touch another's rows.
 */
@QuarkusTest
class TenantJobRunnerTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    TenantJobRunner runner;
    @Inject
    OutboundTextService texts;
    @Inject
    TextOutcomes outcomes;
    @Inject
    JobsConfig config;
    @Inject
    EntityManager em;

    @BeforeEach
    void resetTwilio() {
        TwilioStub.resetForTest(dispatcher);
    }

    @Test
    void oneRoundDrainsThreeFullBatchesAndMore() {
        int due = 3 * config.batchSize() + 7;
        List<String> recipients = dueTextsOfBusinesses("Three Batches Bikes", "+164620", due);

        TenantJobRunner.Round round = runner.run(dispatcher, "drain-worker");

        assertThat(round.claimed()).isEqualTo(due);
        assertThat(round.done()).isEqualTo(due);
        assertThat(requestsPerRecipient()).containsExactlyInAnyOrderEntriesOf(once(recipients));
    }

    @Test
    void aRoundStopsAfterItsLastBatchAndTheNextRoundGoesOn() {
        int bound = config.maxBatchesPerRound() * config.batchSize();
        List<String> recipients = dueTextsOfBusinesses("Endless Backlog Bakery", "+164630", bound + 3);

        assertThat(dispatcher.dispatchDue("bounded-worker")).isEqualTo(bound);
        assertThat(dispatcher.dispatchDue("bounded-worker")).isEqualTo(3);
        assertThat(requestsPerRecipient()).containsExactlyInAnyOrderEntriesOf(once(recipients));
    }

    @Test
    void twoWorkersRunningRoundsAtOnceSendEveryTextExactlyOnce() throws Exception {
        Fixtures.TwilioBusiness first = fixtures.twilioBusiness("Race One Roofing", true);
        Fixtures.TwilioBusiness second = fixtures.twilioBusiness("Race Two Roofing", true);
        List<String> recipients = new ArrayList<>(dueTexts(first, "+1646203", 2 * config.batchSize() + 5));
        recipients.addAll(dueTexts(second, "+1646204", 2 * config.batchSize() + 9));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (String worker : List.of("replica-a", "replica-b")) {
                rounds.add(replicas.submit(() -> {
                    start.await();
                    return dispatcher.dispatchDue(worker);
                }));
            }
            start.countDown();
            int sent = 0;
            for (Future<Integer> round : rounds) {
                sent += round.get();
            }
            assertThat(sent).isEqualTo(recipients.size());
        } finally {
            replicas.shutdownNow();
        }
        assertThat(requestsPerRecipient()).containsExactlyInAnyOrderEntriesOf(once(recipients));
    }

    @Test
    void twoAutomaticTextsToOneCallerInOneBatchSendOnlyTheFirst() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Same Batch Signs", true);
        UUID caller = fixtures.contact(shop.tenantId(), "+16462070001", "Ada");
        UUID talker = fixtures.contact(shop.tenantId(), "+16462070002", "Bo");
        scope.run(shop.tenantId(), () -> {
            FollowUp.schedule(caller, null, FollowUpType.AUTO_SMS, "First", Instant.now().minusSeconds(2));
            FollowUp.schedule(caller, null, FollowUpType.AUTO_SMS, "Second", Instant.now().minusSeconds(1));
            FollowUp.schedule(talker, null, FollowUpType.MANUAL_SMS, "Typed", Instant.now().minusSeconds(2));
            FollowUp.schedule(talker, null, FollowUpType.FOLLOW_UP_SMS, "Checking in", Instant.now().minusSeconds(1));
        });

        assertThat(dispatcher.dispatchDue("same-batch-worker")).isEqualTo(2);

        assertThat(requestsPerRecipient()).containsExactlyInAnyOrderEntriesOf(
                Map.of("+16462070001", 1L, "+16462070002", 1L));
        scope.run(shop.tenantId(), () -> {
            assertThat(FollowUp.<FollowUp>find("body", "Second").firstResult().skipReason).isEqualTo(SkipReason.COOLDOWN);
            assertThat(FollowUp.<FollowUp>find("body", "Checking in").firstResult().skipReason)
                    .isEqualTo(SkipReason.ACTIVE_CONVERSATION);
        });
    }

    @Test
    void businessesWhoseTextsAllGoOutShareTransactionsAndOneThatNeedsSettlingGetsItsOwn() {
        runner.run(dispatcher, "leftover-worker"); // texts other tests left due
        List<Fixtures.TwilioBusiness> shops = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Shared Round Shop " + i, true);
            shops.add(shop);
            recipients.addAll(dueTexts(shop, "+164621" + i, 2));
        }
        Fixtures.TwilioBusiness stopped = fixtures.twilioBusiness("Shared Round Stopped", true);
        dueTexts(stopped, "+1646219", 1);
        scope.run(stopped.tenantId(), () -> em.createNativeQuery("update contacts set sms_opt_out = true, "
                + "opt_out_source = 'customer'").executeUpdate());

        List<String> statements = CountingDriver.during(() -> assertThat(runner.run(dispatcher, "shared-worker"))
                .isEqualTo(new TenantJobRunner.Round(9, 8)));

        // The claim; the four businesses' reads in one transaction, and the stopped one's read that finds a text
        // to settle; the settling in the stopped business's own; the four records in one.
        assertThat(statements.stream().filter("COMMIT"::equals).count())
                .as("transactions of the round:%n%s", String.join("\n", statements)).isEqualTo(4);
        assertThat(requestsPerRecipient()).containsExactlyInAnyOrderEntriesOf(once(recipients));
        for (Fixtures.TwilioBusiness shop : shops) {
            scope.run(shop.tenantId(), () -> assertThat(FollowUp.<FollowUp>list("status", FollowUpStatus.SENT))
                    .hasSize(2).allMatch(f -> f.messageSid != null));
        }
        scope.run(stopped.tenantId(), () -> assertThat(FollowUp.<FollowUp>findAll().firstResult().skipReason)
                .isEqualTo(SkipReason.OPTED_OUT));
    }

    @Test
    void aBusinessStepsNeverReadOrWriteAnotherBusinessRows() {
        Fixtures.TwilioBusiness a = fixtures.twilioBusiness("Tenant A Tailors", true);
        Fixtures.TwilioBusiness b = fixtures.twilioBusiness("Tenant B Barbers", true);
        dueTexts(a, "+1646205", 1);
        dueTexts(b, "+1646206", 1);
        List<JobClaim> claims = QuarkusTransaction.requiringNew()
                .call(() -> dispatcher.claim("cross-worker", 1000, Duration.ofSeconds(60)));
        JobClaim ofB = claims.stream().filter(c -> c.tenantId().equals(b.tenantId())).findFirst().orElseThrow();
        Object[] before = claimState(b, ofB.id());

        // B's row handed to A's steps, as if a claim were mixed up: A's transaction sees and changes nothing.
        List<OutboundTextService.Plan> plans = scope.call(a.tenantId(),
                () -> texts.prepare(List.of(ofB.id()), "cross-worker"));
        assertThat(plans).isEmpty();
        OutboundTextService.Plan forged = new OutboundTextService.Plan(ofB.id(), UUID.randomUUID(), b.numberId(), null,
                b.number(), "+16462060001", "forged", Instant.now(), null, null);
        // Recording it in A would put B's claimed row back to pending if row-level security let A reach it.
        scope.run(a.tenantId(), () -> outcomes.record(List.of(new TextOutcomes.Paced(forged, Instant.now())),
                "cross-worker"));
        assertThat(scope.call(a.tenantId(), () -> em.createNativeQuery("select count(*) from follow_ups where id = ?1")
                .setParameter(1, ofB.id()).getSingleResult())).isEqualTo(0L);
        assertThat(claimState(b, ofB.id())).isEqualTo(before);

        scope.run(b.tenantId(), () -> assertThat(texts.prepare(List.of(ofB.id()), "cross-worker")).hasSize(1));
        claims.forEach(claim -> scope.run(claim.tenantId(), () -> em.createNativeQuery("update follow_ups set "
                + "status = 'cancelled', claimed_by = null, lease_expires_at = null where id = ?1")
                .setParameter(1, claim.id()).executeUpdate()));
    }

    @Test
    void theProvisioningClaimChecksItsArgumentsAndHandsABusinessToOneWorkerAtATime() {
        UUID business = fixtures.business("Claimed Once Carpentry");
        AsTenant.run(business, () -> em.createNativeQuery(
                "update tenants set provisioning_status = 'pending' where id = ?1").setParameter(1, business)
                .executeUpdate());
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "select * from claim_due_provisioning('w', 0, 300)").getResultList())).hasStackTraceContaining("batch");

        List<?> first = claimProvisioning("provisioning-a");
        List<?> second = claimProvisioning("provisioning-b");

        assertThat(first).anySatisfy(row -> assertThat((Object[]) row).containsExactly(business, business));
        assertThat(second).noneSatisfy(row -> assertThat(((Object[]) row)[0]).isEqualTo(business));
        Object[] state = (Object[]) AsTenant.call(business, () -> em.createNativeQuery(
                "select provisioning_status, provisioning_attempts, provisioning_lease_until > now() + interval '4 minutes' "
                        + "from tenants where id = ?1").setParameter(1, business).getSingleResult());
        assertThat(state).containsExactly("running", 1, true);
        AsTenant.run(business, () -> em.createNativeQuery("update tenants set provisioning_status = "
                + "'none', provisioning_lease_until = null where id = ?1").setParameter(1, business).executeUpdate());
    }

    private List<?> claimProvisioning(String worker) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select tenant_id, id from claim_due_provisioning(?1, 1000, 300)").setParameter(1, worker)
                .getResultList());
    }

    private Object[] claimState(Fixtures.TwilioBusiness shop, UUID followUpId) {
        return (Object[]) scope.call(shop.tenantId(), () -> em.createNativeQuery("select status, claimed_by, attempts, "
                + "lease_expires_at::text, scheduled_at::text from follow_ups where id = ?1").setParameter(1, followUpId)
                .getSingleResult());
    }

    /**
     * {@code count} texts due now, spread over businesses of 30 texts at most, so no sender number runs out of
     * capacity (see SenderPacingTest); returns the numbers they go to.
     */
    private List<String> dueTextsOfBusinesses(String name, String prefix, int count) {
        List<String> recipients = new ArrayList<>();
        for (int business = 0; business * 30 < count; business++) {
            Fixtures.TwilioBusiness shop = fixtures.twilioBusiness(name + " " + business, true);
            recipients.addAll(dueTexts(shop, prefix + business, Math.min(30, count - business * 30)));
        }
        return recipients;
    }

    /** {@code count} texts due now from the business's number, each to its own new contact; returns their numbers. */
    private List<String> dueTexts(Fixtures.TwilioBusiness shop, String prefix, int count) {
        scope.run(shop.tenantId(), () -> em.createNativeQuery("""
                with added as (
                    insert into contacts (tenant_id, id, phone, source)
                    select current_tenant_id(), gen_random_uuid(), ?1 || lpad(g::text, 4, '0'), 'manual'
                      from generate_series(1, ?2) g
                    returning id)
                insert into follow_ups (tenant_id, id, contact_id, type, body, scheduled_at)
                select current_tenant_id(), gen_random_uuid(), a.id, 'manual_sms', 'Your order is ready', now()
                  from added a""").setParameter(1, prefix).setParameter(2, count).executeUpdate());
        List<String> recipients = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            recipients.add(prefix + String.format("%04d", i));
        }
        return recipients;
    }

    /** How many texts the Twilio stub was asked to send to each number. */
    static Map<String, Long> requestsPerRecipient() {
        return TwilioStub.server().findAll(postRequestedFor(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")))
                .stream().map(request -> URLDecoder.decode(request.getBodyAsString().replaceAll(".*(^|&)To=([^&]*).*", "$2"),
                        StandardCharsets.UTF_8))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    static Map<String, Long> once(List<String> recipients) {
        return recipients.stream().collect(Collectors.toMap(Function.identity(), r -> 1L));
    }
}
