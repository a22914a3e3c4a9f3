package com.callaback.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.callaback.support.Browser;
import com.callaback.support.Fixtures;
import com.callaback.support.StripeStub;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** An owner opens Billing from the menu in a real browser, reads plan and usage, and goes to Stripe Checkout. */
@QuarkusTest
class BillingBrowserTest {

    @TestHTTPResource("/")
    java.net.URL app;
    @Inject
    Fixtures fixtures;

    private WebDriver browser;

    @BeforeEach
    void reset() {
        StripeStub.resetToDefaults();
        StripeStub.pricePlans();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theOwnerOpensBillingAndGoesToCheckout() throws Exception {
        String subject = "billing-browser-" + UUID.randomUUID().toString().substring(0, 6);
        UUID business = fixtures.business("Browser Bakery");
        fixtures.member(business, subject, "owner");
        fixtures.asUser(subject, user -> user.activeTenantId = business);
        browser = Browser.start();
        String base = app.toString().replaceAll("/$", "");

        browser.get(base + "/");
        browser.findElement(By.cssSelector("summary.custom-link")).click();
        browser.findElement(By.name("name")).sendKeys(subject);
        browser.findElement(By.name("roles")).sendKeys("user");
        browser.findElement(By.cssSelector("form.custom-form button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-nav=billing]")).isEmpty());

        browser.findElement(By.cssSelector("[data-nav=billing]")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/billing"));
        assertThat(browser.findElement(By.cssSelector("[data-billing-plan]")).getText())
                .contains("Starter plan", "Status: trialing");
        assertThat(browser.findElement(By.cssSelector("[data-billing-usage]")).getText())
                .contains("0 of 500 segments used");
        Browser.screenshot(browser, "billing");

        browser.findElement(By.cssSelector("[data-checkout=pro] button")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-stripe-checkout]")).isEmpty());
        assertThat(browser.getCurrentUrl()).isEqualTo(StripeStub.server().baseUrl() + "/c/pay/cs_test_1");
    }

    @Test
    void aRefusedCheckoutShowsWhyOnTheBillingPageAndAnotherPlanStillGoesToCheckout() throws Exception {
        String subject = "billing-browser-" + UUID.randomUUID().toString().substring(0, 6);
        UUID business = fixtures.business("Browser Brewery");
        fixtures.member(business, subject, "owner");
        fixtures.withUser(subject, user -> user.activeTenantId = business);
        StripeStub.unpricePlan("agency");
        try {
            browser = Browser.start();
            String base = app.toString().replaceAll("/$", "");
            browser.get(base + "/");
            browser.findElement(By.cssSelector("summary.custom-link")).click();
            browser.findElement(By.name("name")).sendKeys(subject);
            browser.findElement(By.name("roles")).sendKeys("user");
            browser.findElement(By.cssSelector("form.custom-form button[type=submit]")).click();
            waitFor(d -> !d.findElements(By.cssSelector("[data-nav=billing]")).isEmpty());
            browser.findElement(By.cssSelector("[data-nav=billing]")).click();
            waitFor(d -> d.getCurrentUrl().endsWith("/billing"));

            browser.findElement(By.cssSelector("[data-checkout=agency] button")).click();
            waitFor(d -> !d.findElements(By.cssSelector("[data-billing-error=plan]")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("[data-billing-plans] [data-billing-error=plan]")).getText())
                    .isEqualTo("The Agency plan is not on sale yet.");
            assertThat(browser.findElement(By.cssSelector("[data-checkout=agency] button")).getAttribute("aria-describedby"))
                    .isEqualTo("billing-plan-error");
            Browser.screenshot(browser, "billing-refused");

            browser.findElement(By.cssSelector("[data-checkout=pro] button")).click();
            waitFor(d -> !d.findElements(By.cssSelector("[data-stripe-checkout]")).isEmpty());
        } finally {
            StripeStub.pricePlans();
        }
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition::apply);
    }
}
