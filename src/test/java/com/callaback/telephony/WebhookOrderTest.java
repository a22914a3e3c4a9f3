package com.callaback.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.ContactService;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.followups.FollowUp;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A dial status that races its own incoming-call (the call is being recorded by a transaction that has not
 * committed yet) still marks the call missed, once, with its lead and text.
 */
@QuarkusTest
class WebhookOrderTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    ContactService contacts;
    @Inject
    EntityManager em;

    @Test
    void aDialStatusThatRacesTheRecordingOfItsCallStillMarksItMissed() throws Exception {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Order Race Shop", true);
        String caller = Fixtures.randomPhone();
        String callSid = TwilioCalls.callSid();
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        // The incoming-call's transaction: the call is inserted as ringing, and not yet committed.
        CompletableFuture<Void> incoming = CompletableFuture.runAsync(() -> scope.run(shop.tenantId(), () -> {
            UUID contactId = contacts.caller(caller, "missed_call").id();
            em.createNativeQuery("insert into interactions (tenant_id, id, contact_id, type, direction, status, "
                    + "call_sid, phone_number_id, call_routing) values (current_tenant_id(), ?1, ?2, 'call', "
                    + "'inbound', 'ringing', ?3, ?4, 'dial')").setParameter(1, UUID.randomUUID())
                    .setParameter(2, contactId).setParameter(3, callSid).setParameter(4, shop.numberId())
                    .executeUpdate();
            recorded.countDown();
            await(commit);
        }));
        assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> dialStatus = CompletableFuture.supplyAsync(() -> new TwilioWebhooks()
                .post("/api/twilio/dial-status", shop.authToken(),
                        TwilioCalls.dialStatus(shop, callSid, caller, "no-answer"))
                .then().statusCode(200).extract().asString());
        awaitBlockedInsert(); // the dial status now waits on the uncommitted call
        commit.countDown();
        incoming.get(10, TimeUnit.SECONDS);

        assertThat(dialStatus.get(10, TimeUnit.SECONDS)).contains("<Record");
        scope.run(shop.tenantId(), () -> {
            assertThat(Interaction.findByCallSid(callSid).orElseThrow().status).isEqualTo(InteractionStatus.MISSED);
            Contact contact = Contact.findByPhone(caller).orElseThrow();
            assertThat(FollowUp.count("contactId", contact.id)).isOne();
        });
        // And its replay changes nothing.
        new TwilioWebhooks().post("/api/twilio/dial-status", shop.authToken(),
                TwilioCalls.dialStatus(shop, callSid, caller, "no-answer")).then().statusCode(200)
                .body(containsString("<Record"));
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.count()).isOne());
    }

    private void awaitBlockedInsert() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Number waiting = (Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em
                    .createNativeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")
                    .getSingleResult());
            if (waiting.intValue() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The dial status never waited on the uncommitted call");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
