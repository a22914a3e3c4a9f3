package com.callaback.billing;

import com.callaback.support.AsTenant;

import static com.callaback.followups.FollowUpType.MANUAL_SMS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.followups.FollowUp;
import com.callaback.identity.BusinessForm;
import com.callaback.identity.BusinessSignup;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.SkipReason;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.provisioning.NumberService;
import com.callaback.support.Fixtures;
import com.callaback.telephony.ForwardingPhoneRule;
import com.callaback.support.StripeStub;
import com.callaback.support.StripeWebhooks;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.web.InvalidInputException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The trial (limited texts, one number, one per person), the forwarding phone's type, and plan limits. */
@QuarkusTest
class TrialAndLimitsTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    NumberService numbers;
    @Inject
    BusinessSignup signup;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void reset() {
        TwilioStub.resetForTest(dispatcher);
        StripeStub.resetToDefaults();
        StripeStub.pricePlans();
    }

    @Test
    @TestSecurity(user = "trial-founder")
    void aPersonGetsOneTrialBusinessWithTheTrialsTextsAndASecondIsRefused() {
        given().redirects().follow(false).formParam("name", "First Trial Florist").formParam("timezone", "America/Chicago")
                .formParam("forwardingPhone", "(312) 555-0142").formParam("areaCode", "312").post("/onboarding").then()
                .statusCode(303);
        UUID first = fixtures.activeTenantOf("trial-founder");
        Tenant tenant = AsTenant.call(first, () -> Tenant.findById(first));
        assertThat(tenant.trialTextLimit).isEqualTo(50);
        assertThat(tenant.billingStatus).isEqualTo("trialing");

        given().redirects().follow(false).formParam("name", "Second Trial Florist").formParam("timezone", "America/Chicago")
                .formParam("forwardingPhone", "(312) 555-0143").formParam("areaCode", "312").post("/onboarding").then()
                .statusCode(400).body(containsString("You already started a free trial with First Trial Florist"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Tenant.idBySlug("second-trial-florist"))).isEmpty();
    }

    @Test
    void aSecondTrialSignedUpAtTheSameMomentIsRefusedWithTheSameMessage() throws Exception {
        UUID founder = fixtures.user("twin-founder");
        UUID first = UUID.randomUUID();
        // The person's other sign-up has inserted its trial business but not committed yet: this sign-up's check
        // finds nothing, and its insert waits on the unique index until the other commits.
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement asItself = other.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                asItself.setString(1, first.toString());
                asItself.execute();
            }
            try (PreparedStatement insert = other.prepareStatement("insert into tenants (id, name, slug, "
                    + "trial_started_by, trial_text_limit) values (?, 'Twin Tiles One', ?, ?, 50)")) {
                insert.setObject(1, first);
                insert.setString(2, "twin-tiles-" + first.toString().substring(0, 8));
                insert.setObject(3, founder);
                insert.executeUpdate();
            }
            ExecutorService committer = Executors.newSingleThreadExecutor();
            Future<?> commit = committer.submit(() -> {
                Thread.sleep(1_000);
                other.commit();
                return null;
            });
            assertThatThrownBy(() -> signup.createOwnedBy(founder, new BusinessForm("Twin Tiles Two",
                    "America/Chicago", "+13125550142", "312", false)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("You already started a free trial with Twin Tiles One");
            commit.get();
            committer.shutdown();
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> Tenant.trialBusinessOf(founder))).hasValue("Twin Tiles One");
    }

    @Test
    @TestSecurity(user = "premium-founder")
    void aPremiumRateOrFarAwayForwardingPhoneIsRefusedWithAClearMessage() {
        given().redirects().follow(false).formParam("name", "Premium Pranks").formParam("timezone", "America/Chicago")
                .formParam("forwardingPhone", "+1 900 555 0123").formParam("areaCode", "312").post("/onboarding").then()
                .statusCode(400).body(containsString("Premium-rate and shared-cost numbers cannot receive forwarded calls"));
        given().redirects().follow(false).formParam("name", "Toll Free Tours").formParam("timezone", "America/Chicago")
                .formParam("forwardingPhone", "+1 800 555 0123").formParam("areaCode", "312").post("/onboarding").then()
                .statusCode(400).body(containsString("Toll-free numbers cannot receive forwarded calls"));
        assertThat(ForwardingPhoneRule.problem("+442079460958")).isEmpty();
        assertThat(ForwardingPhoneRule.problem("+33899123456")).get().asString().contains("Premium-rate");
        // A mobile number, but in a country calls are not forwarded to.
        assertThat(ForwardingPhoneRule.problem("+79161234567")).get().asString()
                .contains("Calls can be forwarded to numbers in the US");
        given().redirects().follow(false).formParam("name", "Faraway Ferries").formParam("timezone", "America/Chicago")
                .formParam("forwardingPhone", "+7 916 123 4567").formParam("areaCode", "312").post("/onboarding").then()
                .statusCode(400).body(containsString("Calls can be forwarded to numbers in the US"));
    }

    @Test
    void aTrialWhoseTextsAreUsedUpHoldsTextsUntilAPlanIsPaidForAndHasOneNumber() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Trial Tacos", true);
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        AsTenant.run(shop.tenantId(), () -> {
            Tenant tenant = Tenant.findById(shop.tenantId());
            tenant.trialTextLimit = 2;
            tenant.stripeCustomerId = customer;
            tenant.plan = "pro"; // three numbers once paid for, one during the trial
        });
        UUID contact = fixtures.contact(shop.tenantId(), Fixtures.randomPhone(), "Pat");
        // Three due in one batch: the trial's count is read once per batch, and the batch's own texts count too.
        UUID third = scope.call(shop.tenantId(), () -> {
            FollowUp.schedule(contact, null, MANUAL_SMS, "One", Instant.now().minusSeconds(2));
            FollowUp.schedule(contact, null, MANUAL_SMS, "Two", Instant.now().minusSeconds(1));
            return FollowUp.schedule(contact, null, MANUAL_SMS, "Three", Instant.now()).id;
        });
        assertThat(dispatcher.dispatchDue("trial-test")).isEqualTo(2);
        assertThat(AsTenant.call(shop.tenantId(), () -> Tenant.<Tenant>findById(shop.tenantId()).trialTextsUsed))
                .isEqualTo(2);
        scope.run(shop.tenantId(), () -> {
            FollowUp held = FollowUp.findById(third);
            assertThat(held.status).isEqualTo(FollowUpStatus.HELD);
            assertThat(held.skipReason).isEqualTo(SkipReason.BILLING_TRIALING);
        });
        assertThatThrownBy(() -> numbers.add(shop.tenantId())).isInstanceOf(ClientErrorException.class)
                .hasMessageContaining("during the free trial includes 1 number").hasMessageContaining("/billing");

        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        StripeStub.subscription(sub, customer, "active", StripeStub.STARTER_PRICE);
        StripeWebhooks.post(StripeWebhooks.event("evt_trial_" + sub, "checkout.session.completed", """
                {"id": "cs_1", "object": "checkout.session", "customer": "%s", "subscription": "%s"}"""
                .formatted(customer, sub))).then().statusCode(200);
        assertThat(dispatcher.dispatchDue("trial-test")).isEqualTo(1);
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.<FollowUp>findById(third).status)
                .isEqualTo(FollowUpStatus.SENT));
    }

    @Test
    @TestSecurity(user = "limits-agency-owner")
    void anAgencyOnItsTrialAddsOneClientItPaysForAndIsToldToUpgradeForMore() {
        UUID agency = fixtures.agency("Trial Agency");
        fixtures.member(agency, "limits-agency-owner", "owner");
        AsTenant.run(agency, () -> {
            Tenant tenant = Tenant.findById(agency);
            tenant.plan = "agency";
            tenant.trialTextLimit = 50;
        });
        BillingPageTest.switchTo(agency);
        given().redirects().follow(false).formParam("name", "Client One").formParam("timezone", "America/Chicago")
                .formParam("areaCode", "312").post("/agency/clients").then().statusCode(303);
        given().redirects().follow(false).formParam("name", "Client Two").formParam("timezone", "America/Chicago")
                .formParam("areaCode", "312").post("/agency/clients").then().statusCode(400)
                .body(containsString("during the free trial includes 1 client business"), containsString("/billing"));
        Tenant client = AsTenant.call(agency, () -> Tenant.<Tenant>find("agencyId", agency).firstResult());
        assertThat(client.paidByAgency).isTrue();
        assertThat(client.trialTextLimit).isEqualTo(50);
    }
}
