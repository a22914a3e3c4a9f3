package com.callaback.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.callaback.provisioning.ProvisioningWorker;
import com.callaback.support.AsTenant;
import com.callaback.support.Browser;
import com.callaback.support.Fixtures;
import com.callaback.support.OnSimulator;
import com.callaback.tenant.Tenant;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An owner registers for US texting in a real browser on the simulator: the wizard from the Numbers page, a wrong
 * answer pointed out, the fees before submitting, a rejection with its reason, the correction, the approval.
 * Screenshots land in target/screenshots.
 */
@QuarkusTest
@TestProfile(OnSimulator.class)
class RegistrationBrowserTest {

    @TestHTTPResource("/")
    java.net.URL app;
    @Inject
    ProvisioningWorker provisioning;
    @Inject
    Fixtures fixtures;

    private WebDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOwnerRegistersThroughTheWizardIsRejectedCorrectsItAndIsApproved() throws Exception {
        browser = Browser.start();
        String base = app.toString().replaceAll("/$", "");
        browser.get(base + "/");
        browser.findElement(By.cssSelector("summary.custom-link")).click();
        browser.findElement(By.name("name")).sendKeys("registration-browser-owner");
        browser.findElement(By.name("roles")).sendKeys("user");
        browser.findElement(By.cssSelector("form.custom-form button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/onboarding"));
        browser.findElement(By.id("name")).sendKeys("Browser Blinds");
        browser.findElement(By.id("areaCode")).sendKeys("312");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getPageSource().contains("<h1>Browser Blinds</h1>"));
        UUID active = fixtures.activeTenantOf("registration-browser-owner");
        Tenant tenant = AsTenant.call(active, () -> Tenant.<Tenant>findById(active));
        for (int round = 0; round < 10 && !"done".equals(AsTenant.call(tenant.id,
                () -> Tenant.<Tenant>findById(tenant.id).provisioningStatus)); round++) {
            provisioning.runDue();
        }

        browser.get(base + "/settings/numbers");
        browser.findElement(By.cssSelector("[data-link=texting-registration] a")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/settings/texting-registration"));
        assertThat(browser.findElement(By.id("sampleMessage1")).getAttribute("value"))
                .contains("Sorry we missed your call! This is Browser Blinds.");
        assertThat(browser.findElement(By.cssSelector("[data-fee=company-total]")).getText()).isEqualTo("$59.00");

        type("legalName", "Browser Blinds LLC");
        type("ein", "12-345");
        type("street", "5 Lake St");
        type("city", "Chicago");
        type("region", "IL");
        type("postalCode", "60601");
        type("website", "https://blinds.example.com");
        type("contactFirstName", "Robin");
        type("contactLastName", "Park");
        type("contactEmail", "robin@blinds.example.com");
        type("contactPhone", "+13125550142");
        browser.findElement(By.name("consent")).click();
        Browser.screenshot(browser, "registration-wizard");
        browser.findElement(By.cssSelector("[data-wizard] [data-submit]")).click();
        waitFor(d -> d.getPageSource().contains("Enter the business's EIN: 9 digits"));

        type("ein", "12-3456789");
        browser.findElement(By.name("consent")).click();
        browser.findElement(By.cssSelector("[data-wizard] [data-submit]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-registration=pending]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-explanation]")).getText())
                .contains("The Campaign Registry is reviewing your brand");
        Browser.screenshot(browser, "registration-pending");

        new Select(browser.findElement(By.id("outcome"))).selectByValue("reject");
        new Select(browser.findElement(By.id("reason")))
                .selectByVisibleText("The business's EIN and legal name do not match the IRS records.");
        browser.findElement(By.cssSelector("[data-simulator-review] button")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-registration=failed]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-rejection]")).getText())
                .isEqualTo("Why: The business's EIN and legal name do not match the IRS records.");
        Browser.screenshot(browser, "registration-rejected");

        type("legalName", "Browser Blinds Inc");
        browser.findElement(By.name("consent")).click();
        browser.findElement(By.cssSelector("[data-wizard] [data-submit]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-registration=pending]")).isEmpty());

        new Select(browser.findElement(By.id("outcome"))).selectByValue("approve");
        browser.findElement(By.cssSelector("[data-simulator-review] button")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-registration=approved]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-campaign-status=VERIFIED]")).getText()).isEqualTo("Approved");
        Browser.screenshot(browser, "registration-approved");
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition::apply);
    }
}
