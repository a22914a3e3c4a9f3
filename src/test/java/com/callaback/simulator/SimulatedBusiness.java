package com.callaback.simulator;

import com.callaback.support.AsTenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.identity.BusinessForm;
import com.callaback.identity.BusinessSignup;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.provisioning.ProvisioningWorker;
import com.callaback.support.Fixtures;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** A business set up on the simulator as sign-up does it, open around the clock, its outbox driven by hand. */
@ApplicationScoped
class SimulatedBusiness {

    static final String OPEN_ALL_WEEK = "{\"mon\":[\"00:00\",\"24:00\"],\"tue\":[\"00:00\",\"24:00\"],"
            + "\"wed\":[\"00:00\",\"24:00\"],\"thu\":[\"00:00\",\"24:00\"],\"fri\":[\"00:00\",\"24:00\"],"
            + "\"sat\":[\"00:00\",\"24:00\"],\"sun\":[\"00:00\",\"24:00\"]}";

    @Inject
    BusinessSignup signup;
    @Inject
    ProvisioningWorker provisioning;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;

    /** Signs up, provisions a number, opens all week with no text delay; it becomes the owner's active business. */
    UUID provision(String name, String owner) {
        Tenant tenant = signup.createOwnedBy(fixtures.user(owner), new BusinessForm(name, "America/Chicago", null,
                "312", false));
        for (int round = 0; round < 10 && !"done".equals(status(tenant.id)); round++) {
            provisioning.runDue();
        }
        assertThat(status(tenant.id)).isEqualTo("done");
        AsTenant.run(tenant.id, () -> {
            Tenant t = Tenant.findById(tenant.id);
            t.autoReplyDelaySeconds = 0;
            t.forwardingPhone = "+13125550100";
            t.businessHours = OPEN_ALL_WEEK;
            t.quietHoursStart = LocalTime.MIDNIGHT;
            t.quietHoursEnd = LocalTime.MIDNIGHT;
        });
        given().redirects().follow(false).formParam("tenant", tenant.id.toString()).post("/switch");
        return tenant.id;
    }

    UUID numberOf(UUID tenantId) {
        return scope.call(tenantId, () -> PhoneNumber.findFirstActive().orElseThrow().id);
    }

    void drainOutbox() {
        while (dispatcher.dispatchDue("simulator-test") > 0) {
            // send everything due
        }
    }

    /** Delivery reports arrive asynchronously, as from Twilio: waits until the page shows the status. */
    static String await(String path, String status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String page = "";
        while (Instant.now().isBefore(deadline)) {
            page = given().get(path).then().statusCode(200).extract().asString();
            if (page.contains("data-status=\"" + status + "\"")) {
                return page;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError(path + " never showed " + status + ":\n" + page);
    }

    private static String status(UUID tenantId) {
        return AsTenant.call(tenantId, () -> Tenant.<Tenant>findById(tenantId).provisioningStatus);
    }
}
