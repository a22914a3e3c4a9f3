package com.callaback.billing;

import com.callaback.support.AsTenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/** Local billing (dev mode, the demo): plans chosen on the page, usage counted and recorded with no Stripe at all. */
@QuarkusTest
@TestProfile(LocalBillingTest.Local.class)
class LocalBillingTest {

    /** No Stripe key and no Stripe stub: local mode, as in dev. */
    public static class Local implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callaback.billing.mode", "local");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;
    @Inject
    UsageReporter reporter;

    @Test
    @TestSecurity(user = "local-billing-owner")
    void theOwnerChoosesAPlanOnThePageAndUsageIsRecordedLocally() {
        UUID business = fixtures.business("Local Locksmith");
        fixtures.member(business, "local-billing-owner", "owner");
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Rae");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        scope.run(business, () -> em.createNativeQuery("""
                insert into sms_metrics (tenant_id, id, contact_id, message_sid, status, segments, sent_at)
                values (current_tenant_id(), ?1, ?2, ?3, 'delivered', 2, now())""").setParameter(1, UUID.randomUUID())
                .setParameter(2, contact).setParameter(3, sid).executeUpdate());
        BillingPageTest.switchTo(business);

        given().get("/billing").then().statusCode(200).body(containsString("data-billing-local"),
                containsString("data-choose-plan"), not(containsString("data-checkout")), not(containsString("data-invoices")),
                containsString("<span data-segments-used>2</span>"));
        given().redirects().follow(false).formParam("plan", "gold").post("/billing/plan").then().statusCode(400)
                .body(containsString("Choose one of the plans"));
        given().redirects().follow(false).formParam("plan", "pro").post("/billing/plan").then().statusCode(303);
        Tenant tenant = AsTenant.call(business, () -> Tenant.findById(business));
        assertThat(tenant.plan).isEqualTo("pro");
        assertThat(tenant.billingStatus).isEqualTo("active");
        assertThat(tenant.currentPeriodEnd).isAfter(Instant.now().plusSeconds(29 * 86_400));
        given().get("/billing").then().statusCode(200).body(containsString("Pro plan"),
                containsString("<span data-segments-included>2000</span>"));
        given().redirects().follow(false).formParam("plan", "pro").post("/billing/checkout").then().statusCode(400);

        reporter.reportDue();
        scope.run(business, () -> {
            UsageReport row = UsageReport.find("messageSid", sid).firstResult();
            assertThat(row.status).isEqualTo(UsageStatus.LOCAL);
            assertThat(row.segments).isEqualTo(2);
        });
    }
}
