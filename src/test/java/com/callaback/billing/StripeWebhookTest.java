package com.callaback.billing;

import com.callaback.support.AsTenant;

import static com.callaback.followups.FollowUpType.MANUAL_SMS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.SkipReason;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.support.StripeStub;
import com.callaback.support.StripeWebhooks;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Stripe's webhooks against the real stripe-java SDK and a Stripe stub: signatures, replays, order, held texts. */
@QuarkusTest
class StripeWebhookTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    EntityManager em;
    @Inject
    SubscriptionSync sync;

    @BeforeEach
    void reset() {
        TwilioStub.resetForTest(dispatcher);
        StripeStub.resetToDefaults();
        StripeStub.pricePlans();
    }

    @Test
    void checkoutCompletedMakesThePlanActiveAndAReplayChangesNothing() {
        UUID business = fixtures.business("Checkout Plumbing");
        String customer = customerOf(business);
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        StripeStub.subscription(sub, customer, "active", StripeStub.PRO_PRICE, "price_pro_segments");
        String event = StripeWebhooks.event("evt_" + sub, "checkout.session.completed", """
                {"id": "cs_test_1", "object": "checkout.session", "mode": "subscription", "customer": "%s",
                 "subscription": "%s"}""".formatted(customer, sub));

        StripeWebhooks.post(event).then().statusCode(200).body(org.hamcrest.Matchers.equalTo("applied"));
        Tenant tenant = tenant(business);
        assertThat(tenant.billingStatus).isEqualTo("active");
        assertThat(tenant.plan).isEqualTo("pro");
        assertThat(tenant.stripeSubscriptionId).isEqualTo(sub);
        assertThat(tenant.currentPeriodEnd).isAfter(Instant.now());

        StripeWebhooks.post(event).then().statusCode(200).body(org.hamcrest.Matchers.equalTo("duplicate"));
        scope.run(business, () -> assertThat(StripeEvent.count("eventId", "evt_" + sub)).isOne());
    }

    @Test
    void ofTwoEventsHandledAtOnceTheLaterReadWinsWhicheverCommitsLast() {
        UUID business = fixtures.business("Concurrent Reads Carpets");
        String customer = customerOf(business);
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        Instant paymentFailedRead = Instant.now().minusSeconds(2);
        Instant paidRead = Instant.now().minusSeconds(1);
        StripeGateway.SubscriptionState pastDue = new StripeGateway.SubscriptionState(sub, customer, "past_due",
                java.util.List.of(StripeStub.PRO_PRICE), Instant.now(), Instant.now().plusSeconds(86_400));
        StripeGateway.SubscriptionState active = new StripeGateway.SubscriptionState(sub, customer, "active",
                java.util.List.of(StripeStub.PRO_PRICE), Instant.now(), Instant.now().plusSeconds(86_400));

        // invoice.paid read Stripe after invoice.payment_failed did, but its transaction committed first.
        scope.run(business, () -> sync.apply(active, paidRead));
        scope.run(business, () -> sync.apply(pastDue, paymentFailedRead));

        assertThat(tenant(business).billingStatus).isEqualTo("active");
        // A later read still moves it on.
        scope.run(business, () -> sync.apply(pastDue, Instant.now()));
        assertThat(tenant(business).billingStatus).isEqualTo("past_due");
    }

    @Test
    void eventsInAnyOrderConvergeOnTheSubscriptionAsStripeHasItNow() {
        UUID business = fixtures.business("Reorder Roofing");
        String customer = customerOf(business);
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        StripeStub.subscription(sub, customer, "active", StripeStub.PRO_PRICE);
        // The newest event first, then an older one saying past_due, then the creation: Stripe says active now.
        StripeWebhooks.post(subscriptionEvent("evt_3_" + sub, "customer.subscription.updated", sub, customer, "active"))
                .then().statusCode(200);
        StripeWebhooks.post(subscriptionEvent("evt_2_" + sub, "customer.subscription.updated", sub, customer, "past_due"))
                .then().statusCode(200);
        StripeWebhooks.post(subscriptionEvent("evt_1_" + sub, "customer.subscription.created", sub, customer, "incomplete"))
                .then().statusCode(200);
        assertThat(tenant(business).billingStatus).isEqualTo("active");
        assertThat(tenant(business).plan).isEqualTo("pro");

        StripeStub.subscription(sub, customer, "canceled", StripeStub.PRO_PRICE);
        StripeWebhooks.post(subscriptionEvent("evt_4_" + sub, "customer.subscription.deleted", sub, customer, "canceled"))
                .then().statusCode(200);
        // Replaying an older "active" event now reads the subscription as canceled: it stays canceled.
        StripeWebhooks.post(subscriptionEvent("evt_5_" + sub, "customer.subscription.updated", sub, customer, "active"))
                .then().statusCode(200);
        assertThat(tenant(business).billingStatus).isEqualTo("canceled");
    }

    @Test
    void aWrongOrStaleSignatureIsRefusedAndChangesNothing() {
        UUID business = fixtures.business("Signature Salon");
        String customer = customerOf(business);
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        StripeStub.subscription(sub, customer, "active", StripeStub.PRO_PRICE);
        String event = subscriptionEvent("evt_sig_" + sub, "customer.subscription.updated", sub, customer, "active");

        StripeWebhooks.post(event, StripeWebhooks.signature(event, "whsec_someone_else", Instant.now()))
                .then().statusCode(400);
        StripeWebhooks.post(event, StripeWebhooks.signature(event, StripeStub.WEBHOOK_SECRET,
                Instant.now().minusSeconds(3600))).then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("tolerance"));
        StripeWebhooks.post(event.replace("active", "past_due"), StripeWebhooks.signature(event,
                StripeStub.WEBHOOK_SECRET, Instant.now())).then().statusCode(400);
        StripeWebhooks.post(event, "").then().statusCode(400);

        assertThat(tenant(business).billingStatus).isEqualTo("trialing");
        assertThat(tenant(business).plan).isEqualTo("starter");
        scope.run(business, () -> assertThat(StripeEvent.count()).isZero());
    }

    @Test
    void aFailedPaymentHoldsTextsAndPayingReleasesTheRecentOnesAndCancelsTheOldOnes() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Past Due Pizza", true);
        String customer = customerOf(shop.tenantId());
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        StripeStub.subscription(sub, customer, "active", StripeStub.PRO_PRICE);
        StripeWebhooks.post(subscriptionEvent("evt_a_" + sub, "customer.subscription.created", sub, customer, "active"))
                .then().statusCode(200);

        StripeStub.subscription(sub, customer, "past_due", StripeStub.PRO_PRICE);
        StripeWebhooks.post(invoiceEvent("evt_b_" + sub, "invoice.payment_failed", sub, customer)).then().statusCode(200)
                .body(org.hamcrest.Matchers.equalTo("applied"));
        assertThat(tenant(shop.tenantId()).billingStatus).isEqualTo("past_due");
        scope.run(shop.tenantId(), () -> assertThat(Notification.count("type", "billing")).isOne());

        UUID contact = fixtures.contact(shop.tenantId(), Fixtures.randomPhone(), "Hank");
        UUID recent = scope.call(shop.tenantId(), () -> FollowUp.schedule(contact, null, MANUAL_SMS, "Your pizza",
                Instant.now()).id);
        UUID old = scope.call(shop.tenantId(), () -> FollowUp.schedule(contact, null, MANUAL_SMS, "Last week's pizza",
                Instant.now()).id);
        dispatcher.dispatchDue("billing-test");
        scope.run(shop.tenantId(), () -> {
            assertThat(FollowUp.<FollowUp>findById(recent).status).isEqualTo(FollowUpStatus.HELD);
            assertThat(FollowUp.<FollowUp>findById(recent).skipReason).isEqualTo(SkipReason.BILLING_PAST_DUE);
            em.createNativeQuery("update follow_ups set created_at = now() - interval '4 days' where id = ?1")
                    .setParameter(1, old).executeUpdate();
        });
        assertThat(TwilioStub.server().getAllServeEvents()).isEmpty();

        StripeStub.subscription(sub, customer, "active", StripeStub.PRO_PRICE);
        StripeWebhooks.post(invoiceEvent("evt_c_" + sub, "invoice.paid", sub, customer)).then().statusCode(200);
        assertThat(tenant(shop.tenantId()).billingStatus).isEqualTo("active");
        scope.run(shop.tenantId(), () -> {
            assertThat(FollowUp.<FollowUp>findById(recent).status).isEqualTo(FollowUpStatus.PENDING);
            assertThat(FollowUp.<FollowUp>findById(old).status).isEqualTo(FollowUpStatus.CANCELLED);
        });
        assertThat(dispatcher.dispatchDue("billing-test")).isEqualTo(1);
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.<FollowUp>findById(recent).status)
                .isEqualTo(FollowUpStatus.SENT));
    }

    @Test
    void anEventForAnotherCustomerOrNamingABusinessOnlyInMetadataChangesNoBusiness() {
        UUID business = fixtures.business("Metadata Mechanics");
        customerOf(business);
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        StripeStub.subscription(sub, "cus_stranger", "active", StripeStub.PRO_PRICE);
        String object = """
                {"id": "%s", "object": "subscription", "customer": "cus_stranger", "status": "active",
                 "metadata": {"tenant_id": "%s"}}""".formatted(sub, business);
        StripeWebhooks.post(StripeWebhooks.event("evt_meta_" + sub, "customer.subscription.updated", object))
                .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("unknown_customer"));
        assertThat(tenant(business).billingStatus).isEqualTo("trialing");
    }

    @Test
    void theClientsAnAgencyPaysForShareItsStanding() {
        UUID agency = fixtures.agency("Standing Agency");
        UUID paid = fixtures.clientOf(agency, "Standing Client");
        UUID ownWay = fixtures.clientOf(agency, "Own Way Client");
        AsTenant.run(paid, () -> {
            Tenant client = Tenant.findById(paid);
            client.paidByAgency = true;
            client.trialTextLimit = 50;
        });
        String customer = customerOf(agency);
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        StripeStub.subscription(sub, customer, "active", StripeStub.AGENCY_PRICE);
        StripeWebhooks.post(subscriptionEvent("evt_ag1_" + sub, "customer.subscription.created", sub, customer, "active"))
                .then().statusCode(200);
        assertThat(tenant(paid).billingStatus).isEqualTo("active");
        assertThat(tenant(paid).trialTextLimit).as("no trial cap once the agency pays").isNull();
        assertThat(tenant(ownWay).billingStatus).isEqualTo("trialing");

        StripeStub.subscription(sub, customer, "past_due", StripeStub.AGENCY_PRICE);
        StripeWebhooks.post(invoiceEvent("evt_ag2_" + sub, "invoice.payment_failed", sub, customer)).then().statusCode(200);
        assertThat(tenant(paid).billingStatus).isEqualTo("past_due");
        assertThat(tenant(paid).billingStopsTexts()).isTrue();
        scope.run(paid, () -> assertThat(Notification.count("type", "billing")).isOne());
    }

    @Test
    void stripeUnreachableWhileReadingTheSubscriptionIsA503AndRecordsNothing() {
        UUID business = fixtures.business("Unreachable Upholstery");
        String customer = customerOf(business);
        String sub = "sub_missing_" + UUID.randomUUID().toString().substring(0, 8);
        StripeStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/subscriptions/" + sub))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)));
        StripeWebhooks.post(subscriptionEvent("evt_down_" + sub, "customer.subscription.updated", sub, customer, "active"))
                .then().statusCode(503);
        scope.run(business, () -> assertThat(StripeEvent.count()).isZero());
    }

    private String customerOf(UUID business) {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        AsTenant.run(business, () -> Tenant.<Tenant>findById(business).stripeCustomerId = customer);
        return customer;
    }

    private static Tenant tenant(UUID id) {
        return AsTenant.call(id, () -> Tenant.findById(id));
    }

    private static String subscriptionEvent(String id, String type, String sub, String customer, String status) {
        return StripeWebhooks.event(id, type, """
                {"id": "%s", "object": "subscription", "customer": "%s", "status": "%s"}""".formatted(sub, customer,
                status));
    }

    private static String invoiceEvent(String id, String type, String sub, String customer) {
        return StripeWebhooks.event(id, type, """
                {"id": "in_%s", "object": "invoice", "customer": "%s",
                 "parent": {"type": "subscription_details", "subscription_details": {"subscription": "%s"}}}"""
                .formatted(id, customer, sub));
    }
}
