package com.callaback.dashboard.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.callaback.identity.BusinessForm;
import com.callaback.identity.BusinessSignup;
import com.callaback.provisioning.ProvisioningWorker;
import com.callaback.support.Browser;
import com.callaback.support.AsTenant;
import com.callaback.support.Fixtures;
import com.callaback.support.OnSimulator;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * In a real browser: the leads board is open, a missed call is placed on the simulator, and its new lead shows up
 * in the board's first column by itself (the page is never reloaded).
 */
@QuarkusTest
@TestProfile(OnSimulator.class)
class LiveLeadsBrowserTest {

    private static final String OWNER = "live-leads-owner";

    @TestHTTPResource("/")
    java.net.URL app;
    @Inject
    Fixtures fixtures;
    @Inject
    BusinessSignup signup;
    @Inject
    ProvisioningWorker provisioning;
    @Inject
    TenantScope scope;

    private WebDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @TestSecurity(user = OWNER)
    void aSimulatedMissedCallAppearsOnTheOpenLeadsBoardWithoutAReload() throws Exception {
        UUID tenantId = provisionedBusiness("Live Leads Roofing");
        UUID numberId = scope.call(tenantId, () -> PhoneNumber.findFirstActive().orElseThrow().id);

        browser = Browser.start();
        browser.get(app + "leads");
        assertThat(browser.findElements(By.cssSelector("[data-lead]"))).isEmpty();
        waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-live-connected")));
        ((JavascriptExecutor) browser).executeScript("window.sameBoard = 'yes';");

        given().formParam("numberId", numberId.toString()).formParam("caller", "(312) 555-0166")
                .formParam("outcome", "no-answer").post("/simulator/calls").then().statusCode(200);

        waitFor(d -> !d.findElements(By.cssSelector("[data-column=new] [data-lead]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-column=new] [data-lead]")).getText())
                .contains("(312) 555-0166");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameBoard;")).isEqualTo("yes");
        // The redrawn board still moves leads through htmx (its forms were processed again).
        assertThat(browser.findElement(By.cssSelector("[data-column=new] [data-lead] form")).getAttribute("hx-post"))
                .startsWith("/leads/");
        Browser.screenshot(browser, "leads-live");
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition::apply);
    }

    private UUID provisionedBusiness(String name) {
        Tenant tenant = signup.createOwnedBy(fixtures.user(OWNER), new BusinessForm(name, "America/Chicago", null,
                "312", false));
        for (int round = 0; round < 10 && !"done".equals(status(tenant.id)); round++) {
            provisioning.runDue();
        }
        assertThat(status(tenant.id)).isEqualTo("done");
        AsTenant.run(tenant.id, () -> {
            Tenant t = Tenant.findById(tenant.id);
            t.forwardingPhone = "+13125550100";
            t.businessHours = "{\"mon\":[\"00:00\",\"24:00\"],\"tue\":[\"00:00\",\"24:00\"],\"wed\":[\"00:00\",\"24:00\"],"
                    + "\"thu\":[\"00:00\",\"24:00\"],\"fri\":[\"00:00\",\"24:00\"],\"sat\":[\"00:00\",\"24:00\"],"
                    + "\"sun\":[\"00:00\",\"24:00\"]}";
            t.quietHoursStart = LocalTime.MIDNIGHT;
            t.quietHoursEnd = LocalTime.MIDNIGHT;
        });
        given().redirects().follow(false).formParam("tenant", tenant.id.toString()).post("/switch");
        return tenant.id;
    }

    private static String status(UUID tenantId) {
        return AsTenant.call(tenantId, () -> Tenant.<Tenant>findById(tenantId).provisioningStatus);
    }
}
