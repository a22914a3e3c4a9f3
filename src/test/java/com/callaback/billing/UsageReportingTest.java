package com.callaback.billing;

import com.callaback.support.AsTenant;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.jobs.JobClaim;
import com.callaback.support.Fixtures;
import com.callaback.support.StripeStub;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Usage goes from sms_metrics through the ledger to Stripe meter events exactly once per message. */
@QuarkusTest
class UsageReportingTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;
    @Inject
    UsageReporter reporter;

    @BeforeEach
    void reset() {
        StripeStub.resetToDefaults();
    }

    @Test
    void eachSentOrDeliveredTextIsReportedOnceAcrossAStripeOutage() {
        UUID business = fixtures.business("Outage Optics");
        String customer = subscribe(business);
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Kim");
        String delivered = metric(business, contact, "delivered", 2);
        String sent = metric(business, contact, "sent", 1);
        String failed = metric(business, contact, "failed", 1);

        StripeStub.failing("/v1/billing/meter_events");
        reporter.reportDue();
        scope.run(business, () -> {
            List<UsageReport> rows = UsageReport.list("order by messageSid");
            assertThat(rows).extracting(r -> r.messageSid).containsExactlyInAnyOrder(delivered, sent);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.status).isEqualTo(UsageStatus.PENDING);
                assertThat(r.attempts).isEqualTo(1);
                assertThat(r.lastError).contains("Stripe could not report usage");
                assertThat(r.nextAttemptAt).isAfter(Instant.now().plusSeconds(20));
            });
        });
        StripeStub.resetToDefaults();
        reporter.reportDue();
        assertThat(eventsFor(customer)).as("not retried before its backoff").isEmpty();

        scope.run(business, () -> em.createNativeQuery("update usage_reports set next_attempt_at = now()").executeUpdate());
        reporter.reportDue();
        reporter.reportDue();
        List<LoggedRequest> events = eventsFor(customer);
        assertThat(events).hasSize(2);
        assertThat(events).extracting(LoggedRequest::getBodyAsString).anySatisfy(body -> assertThat(body)
                .contains("identifier=" + delivered, "event_name=sms_segments", "payload[value]=2"));
        assertThat(events).extracting(LoggedRequest::getBodyAsString).noneMatch(body -> body.contains(failed));
        scope.run(business, () -> assertThat(UsageReport.count("status", UsageStatus.REPORTED)).isEqualTo(2));
    }

    @Test
    void aCrashBetweenStripesAnswerAndOurCommitResendsTheSameIdentifierOnlyOnce() {
        UUID business = fixtures.business("Crash Carpets");
        String customer = subscribe(business);
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Lou");
        String sid = metric(business, contact, "delivered", 1);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("select record_billable_usage(1000)")
                .getSingleResult());

        // A worker claims, prepares and calls Stripe, then dies before recording.
        List<JobClaim> claims = QuarkusTransaction.requiringNew().call(() -> reporter.claim("dying", 1000,
                Duration.ofSeconds(60))).stream().filter(c -> c.tenantId().equals(business)).toList();
        assertThat(claims).hasSize(1);
        List<UsageReporter.Report> prepared = scope.call(business, () -> reporter.prepare(List.of(claims.get(0).id()),
                "dying"));
        assertThat(reporter.callOut(business, prepared.get(0), "dying").error()).isNull();

        reporter.reportDue();
        assertThat(eventsFor(customer)).as("the lease still holds the row").hasSize(1);
        scope.run(business, () -> em.createNativeQuery("update usage_reports set lease_expires_at = now() - interval '1 second'")
                .executeUpdate());
        reporter.reportDue();
        reporter.reportDue();
        List<LoggedRequest> events = eventsFor(customer);
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.getBodyAsString()).contains("identifier=" + sid));
        scope.run(business, () -> {
            UsageReport row = UsageReport.find("messageSid", sid).firstResult();
            assertThat(row.status).isEqualTo(UsageStatus.REPORTED);
            assertThat(row.attempts).isEqualTo(2);
        });
    }

    @Test
    void aTrialIsNotBilled() {
        UUID business = fixtures.business("Trial Tiles");
        AsTenant.run(business, () -> Tenant.<Tenant>findById(business).stripeCustomerId = "cus_trial_"
                + UUID.randomUUID().toString().substring(0, 6));
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Mo");
        metric(business, contact, "delivered", 1);
        reporter.reportDue();
        scope.run(business, () -> assertThat(UsageReport.<UsageReport>findAll().firstResult().status)
                .isEqualTo(UsageStatus.NOT_BILLED));
    }

    @Test
    @TestSecurity(user = "usage-agency-owner")
    void anAgencyPayingForItsClientsIsBilledForTheirTextsAndSeesThemPerClient() {
        UUID agency = fixtures.agency("Paying Agency");
        fixtures.member(agency, "usage-agency-owner", "owner");
        String customer = subscribe(agency);
        UUID paid = fixtures.clientOf(agency, "Paid Client Plumbing");
        UUID unpaid = fixtures.clientOf(agency, "Self Paying Painters");
        AsTenant.run(paid, () -> Tenant.<Tenant>findById(paid).paidByAgency = true);
        String sid = metric(paid, fixtures.contact(paid, Fixtures.randomPhone(), "Ned"), "delivered", 3);
        metric(unpaid, fixtures.contact(unpaid, Fixtures.randomPhone(), "Ola"), "delivered", 4);

        reporter.reportDue();
        List<LoggedRequest> events = eventsFor(customer);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getBodyAsString()).contains("identifier=" + sid);

        BillingPageTest.switchTo(agency);
        String page = given().get("/billing").then().statusCode(200).extract().asString();
        assertThat(page).contains("data-client=\"" + paid + "\"", "Paid Client Plumbing", "<td>3</td>")
                .doesNotContain("Self Paying Painters");
    }

    @Test
    void theReconciliationFlagsACustomerWhoseMeterDiffersFromTheLedger() {
        UUID business = fixtures.business("Reconciled Rugs");
        String customer = subscribe(business);
        metric(business, fixtures.contact(business, Fixtures.randomPhone(), "Quin"), "delivered", 3);
        reporter.reportDue();
        Instant from = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(3600);
        Instant to = from.plusSeconds(7200);

        assertThat(reconciliation.compare(from, to)).filteredOn(d -> d.customerId().equals(customer))
                .singleElement().satisfies(d -> {
                    assertThat(d.ledger()).isEqualTo(3);
                    assertThat(d.stripe()).isEqualByComparingTo("0");
                });
        StripeStub.meterTotal(customer, 3);
        assertThat(reconciliation.compare(from, to)).noneMatch(d -> d.customerId().equals(customer));
    }

    @Inject
    UsageReconciliation reconciliation;

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

    private String metric(UUID business, UUID contact, String status, int segments) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        scope.run(business, () -> em.createNativeQuery("""
                insert into sms_metrics (tenant_id, id, contact_id, message_sid, status, segments, sent_at)
                values (current_tenant_id(), ?1, ?2, ?3, ?4, ?5, now())""").setParameter(1, UUID.randomUUID())
                .setParameter(2, contact).setParameter(3, sid).setParameter(4, status).setParameter(5, segments)
                .executeUpdate());
        return sid;
    }

    private static List<LoggedRequest> eventsFor(String customer) {
        return StripeStub.server().findAll(postRequestedFor(urlPathEqualTo("/v1/billing/meter_events"))
                .withRequestBody(containing(customer)));
    }
}
