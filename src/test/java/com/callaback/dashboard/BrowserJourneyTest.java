package com.callaback.dashboard;

import com.callaback.support.AsTenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.callaback.identity.User;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.provisioning.ProvisioningWorker;
import com.callaback.support.Browser;
import com.callaback.support.OnSimulator;
import com.callaback.tenant.Tenant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A new owner's first minutes, in a real browser: sign in on the OIDC page, set up the business, get a number,
 * place a simulated missed call and see the text delivered on the simulated phone and the call on the overview;
 * the customer replies, the owner answers from the inbox and the answer reaches the phone; the lead is won.
 * Screenshots of every page land in target/screenshots (the user guide's pictures).
 */
@QuarkusTest
@TestProfile(OnSimulator.class)
class BrowserJourneyTest {

    @TestHTTPResource("/")
    java.net.URL app;
    @Inject
    ProvisioningWorker provisioning;
    @Inject
    OutboxDispatcher dispatcher;

    private WebDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signUpGetANumberAndSeeAMissedCallTexted() throws Exception {
        browser = Browser.start();
        String base = app.toString().replaceAll("/$", "");

        browser.get(base + "/");
        // The OIDC dev service's sign-in page: open "Custom user" and sign in as a new person.
        browser.findElement(By.cssSelector("summary.custom-link")).click();
        browser.findElement(By.name("name")).sendKeys("browser-owner");
        browser.findElement(By.name("roles")).sendKeys("user");
        browser.findElement(By.cssSelector("form.custom-form button[type=submit]")).click();

        waitFor(d -> d.getCurrentUrl().endsWith("/onboarding"));
        browser.findElement(By.id("name")).sendKeys("Browser Bike Repair");
        browser.findElement(By.id("timezone")).clear();
        browser.findElement(By.id("timezone")).sendKeys("America/Chicago");
        browser.findElement(By.id("areaCode")).sendKeys("31");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getPageSource().contains("Enter a 3-digit US or Canadian area code"));
        browser.findElement(By.id("areaCode")).clear();
        browser.findElement(By.id("areaCode")).sendKeys("312");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        waitFor(d -> d.getPageSource().contains("<h1>Browser Bike Repair</h1>"));
        assertThat(browser.findElement(By.cssSelector("[data-banner=provisioning]")).getText())
                .contains("getting your number");

        java.util.UUID active = io.quarkus.arc.Arc.container().instance(com.callaback.support.Fixtures.class).get()
                .activeTenantOf("browser-owner");
        Tenant tenant = AsTenant.call(active, () -> Tenant.<Tenant>findById(active));
        for (int round = 0; round < 10 && !"done".equals(status(tenant)); round++) {
            provisioning.runDue();
        }
        AsTenant.run(tenant.id, () -> {
            Tenant t = Tenant.findById(tenant.id);
            t.quietHoursStart = LocalTime.MIDNIGHT;
            t.quietHoursEnd = LocalTime.MIDNIGHT;
            t.autoReplyDelaySeconds = 0;
        });

        browser.get(base + "/settings/numbers");
        String number = browser.findElement(By.cssSelector("[data-number]")).getAttribute("data-number");
        assertThat(number).matches("\\+131255501\\d\\d");

        browser.get(base + "/simulator");
        browser.findElement(By.id("call-caller")).clear();
        browser.findElement(By.id("call-caller")).sendKeys("(312) 555-0166");
        new Select(browser.findElement(By.id("outcome"))).selectByValue("no-answer");
        browser.findElement(By.cssSelector("form[action='/simulator/calls'] button")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-step='/api/twilio/incoming-call']")).isEmpty());

        while (dispatcher.dispatchDue("browser-test") > 0) {
            // send what is due
        }
        browser.get(base + "/simulator/phones/+13125550166");
        waitFor(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("[data-direction=to_caller][data-status=delivered]")).isEmpty();
        });
        assertThat(browser.findElement(By.cssSelector("[data-direction=to_caller]")).getText())
                .contains("Sorry we missed your call! This is Browser Bike Repair.");

        browser.get(base + "/");
        assertThat(browser.findElement(By.cssSelector("[data-stat=missed-calls]")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("[data-stat=new-leads]")).getText()).isEqualTo("1");
        Browser.screenshot(browser, "overview");

        // The customer texts back from the simulated phone.
        browser.get(base + "/simulator/phones/+13125550166");
        browser.findElement(By.id("reply-body")).sendKeys("Can I bring my bike in tomorrow morning?");
        browser.findElement(By.cssSelector("[data-form=reply] button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-direction=from_caller]")).isEmpty());

        // The owner finds the thread unread in the inbox, opens it and answers.
        browser.get(base + "/conversations");
        WebElement thread = browser.findElement(By.cssSelector("[data-thread][data-unread]"));
        assertThat(thread.getText()).contains("Can I bring my bike in tomorrow morning?");
        Browser.screenshot(browser, "conversations");
        thread.findElement(By.tagName("a")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-reply-form]")).isEmpty());
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains("Can I bring my bike in tomorrow morning?", "Sorry we missed your call!");
        browser.findElement(By.id("body")).sendKeys("Yes! We open at 9. See you then.");
        browser.findElement(By.cssSelector("[data-reply-form] button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-queued]")).isEmpty());
        while (dispatcher.dispatchDue("browser-test") > 0) {
            // send the owner's answer
        }
        browser.navigate().refresh();
        Browser.screenshot(browser, "conversation");
        browser.get(base + "/simulator/phones/+13125550166");
        waitFor(d -> d.findElements(By.cssSelector("[data-direction=to_caller]")).stream()
                .anyMatch(e -> e.getText().contains("We open at 9")));
        Browser.screenshot(browser, "simulated-phone");

        // The lead is won.
        browser.get(base + "/leads");
        WebElement card = browser.findElement(By.cssSelector("[data-lead]"));
        String leadId = card.getAttribute("data-lead");
        new Select(card.findElement(By.name("status"))).selectByValue("won");
        card.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-column=won] [data-lead='" + leadId + "']")).isEmpty());
        Browser.screenshot(browser, "leads");

        for (String page : new String[] { "contacts", "follow-ups", "notifications", "settings", "settings/team",
                "settings/numbers", "simulator" }) {
            browser.get(base + "/" + page);
            assertThat(browser.findElements(By.tagName("h1"))).as(page).isNotEmpty();
            Browser.screenshot(browser, page.replace('/', '-'));
        }
        browser.findElement(By.cssSelector("a[href='/contacts']")).click();
        browser.findElement(By.cssSelector("a[href^='/contacts/']")).click();
        waitFor(d -> d.getCurrentUrl().contains("/contacts/"));
        Browser.screenshot(browser, "contact");
    }

    private static String status(Tenant tenant) {
        return AsTenant.call(tenant.id, () -> Tenant.<Tenant>findById(tenant.id).provisioningStatus);
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition::apply);
    }
}
