package com.callaback.billing;

import com.callaback.support.AsTenant;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
        // Days later (beyond Stripe's 24-hour deduplication) the ledger alone keeps it from going again.
        scope.run(business, () -> em.createNativeQuery("update usage_reports set next_attempt_at = now() - interval "
                + "'2 days', occurred_at = now() - interval '2 days', lease_expires_at = null").executeUpdate());
        reporter.reportDue();
        assertThat(eventsFor(customer)).hasSize(2);
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

    @Test
    void aTextEntersTheLedgerOnceWhenItBecomesBillableAndIsNotBilledWhenItFailsBeforeItIsReported() {
        UUID business = fixtures.business("Ledger Lanterns");
        String customer = subscribe(business);
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Pat");
        String delivered = metric(business, contact, "queued", null);
        String failsLater = metric(business, contact, "queued", null);

        setMetric(business, delivered, "status = 'delivered'");
        setMetric(business, failsLater, "status = 'sent', segments = 2");
        scope.run(business, () -> assertThat(UsageReport.<UsageReport>listAll()).as("segments not known yet")
                .extracting(r -> r.messageSid).containsExactly(failsLater));
        setMetric(business, delivered, "segments = 3");
        setMetric(business, failsLater, "status = 'failed', is_failed = true");
        setMetric(business, delivered, "details_fetched_at = now()");
        scope.run(business, () -> {
            assertThat(UsageReport.count()).isEqualTo(2);
            assertThat(UsageReport.<UsageReport>find("messageSid", delivered).firstResult().segments).isEqualTo(3);
            assertThat(UsageReport.<UsageReport>find("messageSid", failsLater).firstResult().status)
                    .isEqualTo(UsageStatus.CANCELLED);
        });

        reporter.reportDue();
        reporter.reportDue();
        List<LoggedRequest> events = eventsFor(customer);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getBodyAsString()).contains("identifier=" + delivered, "payload[value]=3");
        setMetric(business, delivered, "segments = 4");
        reporter.reportDue();
        assertThat(eventsFor(customer)).as("a reported text is never reported again").hasSize(1);
        scope.run(business, () -> assertThat(UsageReport.<UsageReport>find("messageSid", delivered).firstResult().status)
                .isEqualTo(UsageStatus.REPORTED));
    }

    @Test
    void aReportingRoundReadsOnlyTheLedgerNeverTheTexts() throws Exception {
        UUID business = fixtures.business("Incremental Ink");
        String customer = subscribe(business);
        String sid = metric(business, fixtures.contact(business, Fixtures.randomPhone(), "Rob"), "delivered", 1);
        // While another session holds sms_metrics exclusively, a round that read it would wait for that session.
        try (Connection owner = migrationConnection()) {
            owner.setAutoCommit(false);
            owner.createStatement().execute("lock table sms_metrics in access exclusive mode");
            CompletableFuture<Integer> round = CompletableFuture.supplyAsync(reporter::reportDue);
            try {
                assertThat(round.get(20, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
            } finally {
                owner.rollback();
                round.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(eventsFor(customer)).singleElement()
                .satisfies(e -> assertThat(e.getBodyAsString()).contains("identifier=" + sid));
    }

    @Test
    void reportedUsageAnswersOnlyForTheCurrentBusinessOwnCustomerOrItsClients() {
        UUID a = fixtures.business("Usage Owner Awnings");
        String customerA = subscribe(a);
        metric(a, fixtures.contact(a, Fixtures.randomPhone(), "Sal"), "delivered", 5);
        reporter.reportDue();
        UUID b = fixtures.business("Usage Snooper Blinds");
        subscribe(b);
        UUID agency = fixtures.agency("Usage Agency");
        UUID client = fixtures.clientOf(agency, "Usage Client Carpentry");
        String clientCustomer = subscribe(client);
        Instant from = Instant.now().minusSeconds(3600);
        Instant to = Instant.now().plusSeconds(3600);

        assertThat(scope.call(a, () -> reconciliation.reportedUsage(customerA, from, to))).isEqualTo(5);
        assertThat(scope.call(agency, () -> reconciliation.reportedUsage(clientCustomer, from, to))).isZero();
        for (UUID snooper : List.of(b, agency)) {
            assertThatThrownBy(() -> scope.call(snooper, () -> reconciliation.reportedUsage(customerA, from, to)))
                    .as("another business's customer").hasStackTraceContaining("is not the Stripe customer");
        }
        assertThatThrownBy(() -> scope.call(client, () -> reconciliation.reportedUsage("cus_" + agency, from, to)))
                .hasStackTraceContaining("is not the Stripe customer");
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

    private void setMetric(UUID business, String sid, String assignments) {
        scope.run(business, () -> em.createNativeQuery("update sms_metrics set " + assignments
                + " where message_sid = ?1").setParameter(1, sid).executeUpdate());
    }

    private static Connection migrationConnection() throws java.sql.SQLException {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("DB_URL", String.class),
                config.getValue("DB_MIGRATION_USER", String.class), config.getValue("DB_MIGRATION_PASSWORD", String.class));
    }

    private String metric(UUID business, UUID contact, String status, Integer segments) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        scope.run(business, () -> em.createNativeQuery("""
                insert into sms_metrics (tenant_id, id, contact_id, message_sid, status, segments, sent_at)
                values (current_tenant_id(), ?1, ?2, ?3, ?4, nullif(?5, -1), now())""").setParameter(1, UUID.randomUUID())
                .setParameter(2, contact).setParameter(3, sid).setParameter(4, status)
                .setParameter(5, segments == null ? -1 : segments)
                .executeUpdate());
        return sid;
    }

    private static List<LoggedRequest> eventsFor(String customer) {
        return StripeStub.server().findAll(postRequestedFor(urlPathEqualTo("/v1/billing/meter_events"))
                .withRequestBody(containing(customer)));
    }
}
