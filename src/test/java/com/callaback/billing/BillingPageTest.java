package com.callaback.billing;

import com.callaback.support.AsTenant;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.support.StripeStub;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The billing page: owners only, usage from sms_metrics against the plan, Checkout and Portal through Stripe. */
@QuarkusTest
class BillingPageTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    @BeforeEach
    void reset() {
        StripeStub.resetToDefaults();
        StripeStub.pricePlans();
    }

    @Test
    @TestSecurity(user = "billing-owner")
    void theOwnerSeesUsageAgainstThePlanAndTheProjectedBill() {
        UUID business = fixtures.business("Usage Upholstery");
        fixtures.member(business, "billing-owner", "owner");
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Ivy");
        // 600 segments sent this month on Starter (500 included), one failed text not counted.
        scope.run(business, () -> {
            for (int i = 0; i < 300; i++) {
                metric(contact, i % 2 == 0 ? "delivered" : "sent", 2);
            }
            metric(contact, "failed", 5);
        });
        AsTenant.run(business, () -> Tenant.<Tenant>findById(business).stripeCustomerId =
                "cus_" + UUID.randomUUID().toString().substring(0, 8));
        switchTo(business);

        String page = given().get("/billing").then().statusCode(200).extract().asString();
        assertThat(page).contains("Starter plan", "data-billing-status=\"trialing\"",
                "<span data-segments-used>600</span>", "<span data-segments-included>500</span>",
                "<span data-overage>100</span>", "data-checkout=\"pro\"", "CB-0001", "79.00 USD");
    }

    @Test
    @TestSecurity(user = "billing-checkout-owner")
    void checkoutAndPortalSendTheOwnerToStripeWithTheBusinessCustomer() {
        UUID business = fixtures.business("Checkout Cabinets");
        fixtures.member(business, "billing-checkout-owner", "owner");
        switchTo(business);

        given().get("/billing").then().statusCode(200).body(not(containsString("data-portal")));
        String location = given().redirects().follow(false).formParam("plan", "pro").post("/billing/checkout").then()
                .statusCode(303).extract().header("Location");
        assertThat(location).isEqualTo(StripeStub.server().baseUrl() + "/c/pay/cs_test_1");
        String customer = AsTenant.call(business, () -> Tenant.<Tenant>findById(business).stripeCustomerId);
        assertThat(customer).startsWith("cus_");
        StripeStub.server().verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("mode=subscription"))
                .withRequestBody(containing("customer=" + customer))
                .withRequestBody(containing("price_pro_flat"))
                .withRequestBody(containing("price_pro_segments")));

        given().redirects().follow(false).formParam("plan", "platinum").post("/billing/checkout").then().statusCode(400)
                .body(containsString("Choose one of the plans: starter, pro, agency"));
        given().redirects().follow(false).post("/billing/portal").then().statusCode(303)
                .header("Location", "https://billing.stripe.test/p/session_1");
        StripeStub.server().verify(postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions"))
                .withRequestBody(containing("customer=" + customer)));
        // Local plan choice is not possible in Stripe mode.
        given().redirects().follow(false).formParam("plan", "pro").post("/billing/plan").then().statusCode(400);
        StripeStub.server().verify(1, postRequestedFor(urlPathEqualTo("/v1/customers")));
    }

    @Test
    @TestSecurity(user = "billing-subscribed-owner")
    void aBusinessWithARunningSubscriptionChangesPlanInThePortalNotInASecondCheckout() {
        UUID business = fixtures.business("Subscribed Stonework");
        fixtures.member(business, "billing-subscribed-owner", "owner");
        AsTenant.run(business, () -> {
            Tenant tenant = Tenant.findById(business);
            tenant.stripeCustomerId = "cus_subscribed" + business.toString().substring(0, 8);
            tenant.stripeSubscriptionId = "sub_subscribed" + business.toString().substring(0, 8);
            tenant.billingStatus = "active";
        });
        switchTo(business);
        int checkoutsBefore = StripeStub.server().findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")))
                .size();

        given().get("/billing").then().statusCode(200).body(containsString("data-portal"))
                .body(not(containsString("data-checkout")));
        given().redirects().follow(false).formParam("plan", "agency").post("/billing/checkout").then().statusCode(409)
                .body(containsString("already has a subscription"));
        assertThat(StripeStub.server().findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))))
                .hasSize(checkoutsBefore);
    }

    @Test
    @TestSecurity(user = "billing-refused-owner")
    void aRefusedActionAnswersWithTheBillingPageAndTheMessageBesideItsControl() {
        UUID business = fixtures.business("Refused Roof Racks");
        fixtures.member(business, "billing-refused-owner", "owner");
        switchTo(business);

        given().redirects().follow(false).formParam("plan", "platinum").post("/billing/checkout").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("data-billing-plans"),
                        containsString("data-billing-error=\"plan\""), containsString("Choose one of the plans"));
        given().redirects().follow(false).post("/billing/portal").then().statusCode(400)
                .body(containsString("data-billing-error=\"portal\""), containsString("no Stripe subscription"));
        StripeStub.unpricePlan("agency");
        try {
            given().redirects().follow(false).formParam("plan", "agency").post("/billing/checkout").then()
                    .statusCode(409).body(containsString("The Agency plan is not on sale yet"),
                            containsString("aria-describedby=\"billing-plan-error\" data-chosen>Agency"));
        } finally {
            StripeStub.pricePlans();
        }
        StripeStub.failing("/v1/customers");
        given().redirects().follow(false).formParam("plan", "pro").post("/billing/checkout").then().statusCode(502)
                .body(containsString("data-billing-error=\"stripe\""), containsString("Stripe could not be reached"));
        StripeStub.resetToDefaults();

        AsTenant.run(business, () -> {
            Tenant tenant = Tenant.findById(business);
            tenant.stripeCustomerId = "cus_refused" + business.toString().substring(0, 8);
            tenant.stripeSubscriptionId = "sub_refused" + business.toString().substring(0, 8);
            tenant.billingStatus = "active";
        });
        given().redirects().follow(false).formParam("plan", "pro").post("/billing/checkout").then().statusCode(409)
                .body(containsString("data-billing-error=\"plan\""), containsString("already has a subscription"),
                        containsString("data-portal"));
    }

    @Test
    @TestSecurity(user = "billing-member")
    void aMemberOrAdminCannotReachTheBillingPage() {
        UUID business = fixtures.business("Member Masonry");
        fixtures.member(business, "billing-member", "member");
        switchTo(business);
        given().get("/billing").then().statusCode(403);
        given().redirects().follow(false).formParam("plan", "pro").post("/billing/checkout").then().statusCode(403);
        given().redirects().follow(false).post("/billing/portal").then().statusCode(403);
        given().get("/").then().statusCode(200).body(not(containsString("href=\"/billing\"")));

        UUID other = fixtures.business("Admin Masonry");
        fixtures.member(other, "billing-member", "admin");
        switchTo(other);
        given().get("/billing").then().statusCode(403);
        given().redirects().follow(false).formParam("plan", "pro").post("/billing/plan").then().statusCode(403);
        assertThat(AsTenant.call(other, () -> Tenant.<Tenant>findById(other).plan))
                .isEqualTo("starter");
    }

    @Test
    @TestSecurity(user = "billing-owner-b")
    void businessBSeesNothingOfBusinessAsBillingOrUsage() {
        UUID a = fixtures.business("Alpha Awnings");
        UUID b = fixtures.business("Bravo Blinds");
        fixtures.member(b, "billing-owner-b", "owner");
        UUID contact = fixtures.contact(a, Fixtures.randomPhone(), "Jo");
        scope.run(a, () -> metric(contact, "delivered", 7));
        AsTenant.run(a, () -> Tenant.<Tenant>findById(a).stripeCustomerId = "cus_alpha_only");
        switchTo(b);
        String page = given().get("/billing").then().statusCode(200).extract().asString();
        assertThat(page).contains("<span data-segments-used>0</span>").doesNotContain("Alpha Awnings", "cus_alpha_only");
        // B's portal is not A's: B has no customer, so there is nothing to open.
        given().redirects().follow(false).post("/billing/portal").then().statusCode(400);
        StripeStub.server().verify(0, postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions")));
    }

    private void metric(UUID contact, String status, int segments) {
        em.createNativeQuery("""
                insert into sms_metrics (tenant_id, id, contact_id, message_sid, status, segments, sent_at)
                values (current_tenant_id(), ?1, ?2, ?3, ?4, ?5, now())""").setParameter(1, UUID.randomUUID())
                .setParameter(2, contact).setParameter(3, "SM" + UUID.randomUUID().toString().replace("-", ""))
                .setParameter(4, status).setParameter(5, segments).executeUpdate();
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern containing(String s) {
        return com.github.tomakehurst.wiremock.client.WireMock.containing(s);
    }

    static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }

}
