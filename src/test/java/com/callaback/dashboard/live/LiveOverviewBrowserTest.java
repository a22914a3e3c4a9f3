package com.callaback.dashboard.live;

import com.callaback.support.AsTenant;

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
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.provisioning.ProvisioningWorker;
import com.callaback.support.Browser;
import com.callaback.support.Fixtures;
import com.callaback.support.OnSimulator;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * In a real browser: the overview is open, a missed call is placed on the simulator, and the call, the lead, the
 * notification badge and then the text sent show up on the page by themselves (the page is never reloaded).
 */
@QuarkusTest
@TestProfile(OnSimulator.class)
class LiveOverviewBrowserTest {

    private static final String OWNER = "live-browser-owner";

    @TestHTTPResource("/")
    java.net.URL app;
    @Inject
    Fixtures fixtures;
    @Inject
    BusinessSignup signup;
    @Inject
    ProvisioningWorker provisioning;
    @Inject
    OutboxDispatcher dispatcher;
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
    void aSimulatedMissedCallAppearsOnTheOpenOverviewWithoutAReload() throws Exception {
        UUID tenantId = provisionedBusiness("Live Browser Bikes");
        UUID numberId = scope.call(tenantId, () -> PhoneNumber.findFirstActive().orElseThrow().id);

        browser = Browser.start();
        browser.get(app.toString());
        assertThat(stat("missed-calls")).isEqualTo("0");
        assertThat(browser.findElement(By.id("unread-count")).isDisplayed()).as("no notification yet").isFalse();
        waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-live-connected")));
        waitFor(d -> "3".equals(d.findElement(By.tagName("body")).getAttribute("data-charts-drawn")));
        // Survives only as long as this very page: a reload would drop it.
        ((JavascriptExecutor) browser).executeScript("window.sameOverview = 'yes';");

        given().formParam("numberId", numberId.toString()).formParam("caller", "(312) 555-0188")
                .formParam("outcome", "no-answer").post("/simulator/calls").then().statusCode(200);

        waitFor(d -> "1".equals(stat("missed-calls")) && "1".equals(stat("new-leads")));
        assertThat(browser.findElement(By.id("live-overview")).getText()).contains("Missed call", "(312) 555-0188");
        waitFor(d -> d.findElement(By.id("unread-count")).isDisplayed());
        assertThat(browser.findElement(By.id("unread-count")).getText()).as("the header's badge too").matches("[1-9]\\d*");

        while (dispatcher.dispatchDue("live-browser-test") > 0) {
            // send the text-back
        }
        waitFor(d -> "1".equals(stat("texts-sent")));
        assertThat(browser.findElement(By.cssSelector("[data-figure=texts-sent][data-period=month]")).getText())
                .as("the figures table is redrawn too").isEqualTo("1");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-charts-drawn"))
                .as("Chart.js drew the three charts again after the redraw").isEqualTo("3");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameOverview;")).isEqualTo("yes");
        Browser.screenshot(browser, "overview-live");
    }

    private String stat(String name) {
        return browser.findElement(By.cssSelector("[data-stat=" + name + "]")).getText();
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
            t.autoReplyDelaySeconds = 0;
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
