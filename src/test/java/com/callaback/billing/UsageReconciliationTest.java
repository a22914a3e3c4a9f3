package com.callaback.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.dashboard.Notification;
import com.callaback.dashboard.alert.AlertDispatcher;
import com.callaback.support.AsTenant;
import com.callaback.support.Fixtures;
import com.callaback.support.StripeStub;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The ledger compared with Stripe's meter is recorded per business and day, shown on the billing page while it
 * differs, and told to the platform operator once; reporting that is behind (a Stripe outage) shows as delayed.
 */
@QuarkusTest
class UsageReconciliationTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;
    @Inject
    UsageReporter reporter;
    @Inject
    UsageReconciliation reconciliation;
    @Inject
    AlertDispatcher alerts;
    @Inject
    MockMailbox mailbox;

    @BeforeEach
    void reset() {
        StripeStub.resetToDefaults();
        mailbox.clear();
    }

    @Test
    @TestSecurity(user = "reconciled-owner")
    void aDifferenceIsRecordedShownOnTheBillingPageAndToldToTheOperatorOnce() {
        operatorBusiness();
        UUID business = fixtures.business("Reconciled Roofing");
        fixtures.member(business, "reconciled-owner", "owner");
        String customer = subscribe(business);
        metric(business, "delivered", 3);
        reporter.reportDue();
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(3600);
        Instant to = from.plusSeconds(7200);

        assertThat(reconciliation.compare(from, to)).anyMatch(d -> d.customerId().equals(customer));
        reconciliation.compare(from, to);
        scope.run(business, () -> {
            ReconciledPeriod period = ReconciledPeriod.<ReconciledPeriod>findAll().singleResult();
            assertThat(period.status).isEqualTo(ReconciledPeriod.Outcome.mismatched);
            assertThat(period.ledgerSegments).isEqualTo(3);
            assertThat(period.stripeSegments).isEqualByComparingTo("0");
            assertThat(period.stripeCustomerId).isEqualTo(customer);
            assertThat(period.checkedAt).isAfter(Instant.now().minusSeconds(60));
            assertThat(period.operatorNotifiedAt).isNotNull();
        });
        assertThat(operatorNotificationsAbout("Reconciled Roofing")).as("told once, not on every run").hasSize(1);
        // Other tests' notifications may be due first: a round takes one batch of them, oldest first.
        for (int round = 0; round < 1000 && operatorMailsAbout(customer).isEmpty()
                && alerts.deliverDue("reconciliation-test") > 0; round++) {
            // the next round
        }
        assertThat(operatorMailsAbout(customer)).singleElement()
                .satisfies(m -> assertThat(m.getText()).contains("Reconciled Roofing", "reported 3 segments"));

        BillingPageTest.switchTo(business);
        given().get("/billing").then().statusCode(200).body(containsString("data-usage-under-review"),
                containsString("Stripe counted 0 segments where we reported 3"));

        StripeStub.meterTotal(customer, 3);
        assertThat(reconciliation.compare(from, to)).noneMatch(d -> d.customerId().equals(customer));
        scope.run(business, () -> {
            ReconciledPeriod period = ReconciledPeriod.<ReconciledPeriod>findAll().singleResult();
            assertThat(period.status).isEqualTo(ReconciledPeriod.Outcome.matched);
            assertThat(period.stripeSegments).isEqualByComparingTo("3");
        });
        given().get("/billing").then().statusCode(200).body(not(containsString("data-usage-under-review")));
        assertThat(operatorNotificationsAbout("Reconciled Roofing")).hasSize(1);
    }

    /** Other tests' differences told later go to nobody's mailbox (alert tests count the mails sent). */
    @AfterEach
    void silenceTheOperator() {
        if (QuarkusTransaction.requiringNew().call(() -> com.callaback.identity.User.idOfSubject(
                "reconciliation-operator")).isPresent()) {
            fixtures.withUser("reconciliation-operator", user -> user.email = null);
        }
    }

    @Test
    @TestSecurity(user = "delayed-owner")
    void duringAStripeOutageTheBillingPageSaysItsFiguresAreDelayed() {
        UUID business = fixtures.business("Delayed Doors");
        fixtures.member(business, "delayed-owner", "owner");
        subscribe(business);
        metric(business, "delivered", 2);
        BillingPageTest.switchTo(business);

        StripeStub.failing("/v1/billing/meter_events");
        reporter.reportDue();
        given().get("/billing").then().statusCode(200).body(containsString("data-usage-delayed"),
                containsString("<span data-segments-used>2</span>"));

        StripeStub.resetToDefaults();
        scope.run(business, () -> em.createNativeQuery("update usage_reports set next_attempt_at = now()").executeUpdate());
        reporter.reportDue();
        given().get("/billing").then().statusCode(200).body(not(containsString("data-usage-delayed")));
    }

    @Test
    @TestSecurity(user = "review-other-owner")
    void anotherBusinessSeesNoneOfTheReview() {
        UUID a = fixtures.business("Reviewed Alpha");
        String customer = subscribe(a);
        metric(a, "delivered", 4);
        reporter.reportDue();
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(3600);
        reconciliation.compare(from, from.plusSeconds(7200));
        scope.run(a, () -> assertThat(ReconciledPeriod.count("stripeCustomerId", customer)).isEqualTo(1));

        UUID b = fixtures.business("Unreviewed Beta");
        fixtures.member(b, "review-other-owner", "owner");
        BillingPageTest.switchTo(b);
        given().get("/billing").then().statusCode(200).body(not(containsString("data-usage-under-review")),
                not(containsString("data-usage-delayed")));
        scope.run(b, () -> assertThat(ReconciledPeriod.count()).isZero());
    }

    /** The operator's own business, with a person who gets its alerts by email. */
    private void operatorBusiness() {
        // Inserted as itself, as sign-up does: row-level security admits a business's own row only.
        scope.run(StripeStub.OPERATOR_BUSINESS, () -> {
            if (Tenant.findById(StripeStub.OPERATOR_BUSINESS) == null) {
                Tenant operator = new Tenant();
                operator.id = StripeStub.OPERATOR_BUSINESS;
                operator.name = "Callaback Operations";
                operator.slug = "ops-" + UUID.randomUUID().toString().substring(0, 8);
                operator.requestedAreaCode = "312";
                operator.persist();
            }
        });
        if (scope.call(StripeStub.OPERATOR_BUSINESS, () -> com.callaback.identity.Membership.count()) == 0) {
            fixtures.member(StripeStub.OPERATOR_BUSINESS, "reconciliation-operator", "owner");
        }
        fixtures.withUser("reconciliation-operator", user -> user.email = "reconciliation-operator@example.com");
    }

    private List<Mail> operatorMailsAbout(String customer) {
        return mailbox.getMailsSentTo("reconciliation-operator@example.com").stream()
                .filter(m -> m.getText().contains(customer)).toList();
    }

    private List<Notification> operatorNotificationsAbout(String businessName) {
        return scope.call(StripeStub.OPERATOR_BUSINESS, () -> Notification.<Notification>list("type = 'system'")
                .stream().filter(n -> n.title.contains(businessName)).toList());
    }

    private String subscribe(UUID business) {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        AsTenant.run(business, () -> {
            Tenant tenant = Tenant.findById(business);
            tenant.stripeCustomerId = customer;
            tenant.stripeSubscriptionId = "sub_" + customer;
            tenant.billingStatus = "active";
        });
        return customer;
    }

    private void metric(UUID business, String status, int segments) {
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Val");
        scope.run(business, () -> em.createNativeQuery("""
                insert into sms_metrics (tenant_id, id, contact_id, message_sid, status, segments, sent_at)
                values (current_tenant_id(), ?1, ?2, ?3, ?4, ?5, now())""").setParameter(1, UUID.randomUUID())
                .setParameter(2, contact).setParameter(3, "SM" + UUID.randomUUID().toString().replace("-", ""))
                .setParameter(4, status).setParameter(5, segments).executeUpdate());
    }
}
