package com.callaback.agency;

import com.callaback.support.AsTenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.callaback.support.Browser;
import com.callaback.support.Fixtures;
import com.callaback.support.SeededFigures;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * In a real browser: the agency sorts its clients by a column, then enters one in one click; a client's missed call
 * shows on the open roll-up without a reload.
 */
@QuarkusTest
class AgencyRollUpBrowserTest {

    @TestHTTPResource("/")
    java.net.URL app;
    @Inject
    Fixtures fixtures;
    @Inject
    SeededFigures seeded;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    private WebDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @TestSecurity(user = "rollup-browser-owner")
    void sortByAColumnThenEnterAClientInOneClick() throws Exception {
        UUID agency = fixtures.agency("Browser Marketing Agency");
        fixtures.member(agency, "rollup-browser-owner", "owner");
        client(agency, "Alder Street Dental", 1);
        client(agency, "Birch Lane Plumbing", 3);
        client(agency, "Cedar Auto Repair", 2);
        given().redirects().follow(false).formParam("tenant", agency.toString()).post("/switch").then().statusCode(303);

        browser = Browser.start();
        browser.get(app + "agency");
        assertThat(names()).containsExactly("Alder Street Dental", "Birch Lane Plumbing", "Cedar Auto Repair");

        browser.findElement(By.cssSelector("[data-sort=missed]")).click();
        waitFor(d -> d.getCurrentUrl().contains("sort=missed"));
        assertThat(names()).as("most missed calls first")
                .containsExactly("Birch Lane Plumbing", "Cedar Auto Repair", "Alder Street Dental");
        Browser.screenshot(browser, "agency");
        browser.findElement(By.cssSelector("[data-sort=missed]")).click();
        waitFor(d -> d.getCurrentUrl().contains("dir=asc"));
        assertThat(names()).containsExactly("Alder Street Dental", "Cedar Auto Repair", "Birch Lane Plumbing");

        WebElement cedar = browser.findElements(By.cssSelector("[data-client]")).stream()
                .filter(r -> r.getText().startsWith("Cedar Auto Repair")).findFirst().orElseThrow();
        cedar.findElement(By.cssSelector("form[action$='/enter'] button")).click();
        waitFor(d -> d.getPageSource().contains("<h1>Cedar Auto Repair</h1>"));
        assertThat(browser.findElement(By.cssSelector("[data-nav=back-to-agency]")).getText())
                .contains("Browser Marketing Agency");
    }

    @Test
    @TestSecurity(user = "rollup-live-owner")
    void aClientsMissedCallAppearsOnTheOpenRollUpWithoutAReload() throws Exception {
        UUID agency = fixtures.agency("Browser Live Agency");
        fixtures.member(agency, "rollup-live-owner", "owner");
        UUID client = fixtures.clientOf(agency, "Dogwood Bakery");
        UUID contact = fixtures.contact(client, Fixtures.randomPhone(), null);
        given().redirects().follow(false).formParam("tenant", agency.toString()).post("/switch").then().statusCode(303);

        browser = Browser.start();
        browser.get(app + "agency");
        assertThat(missed()).isEqualTo("0");
        waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-live-connected")));
        ((JavascriptExecutor) browser).executeScript("window.sameRollUp = 'yes';");

        scope.run(client, () -> em.createNativeQuery("insert into interactions (tenant_id, id, contact_id, type,"
                + " direction, status) values (current_tenant_id(), gen_random_uuid(), ?1, 'call', 'inbound', 'missed')")
                .setParameter(1, contact).executeUpdate());

        waitFor(d -> "1".equals(missed()));
        assertThat(browser.findElement(By.cssSelector("[data-total=missed]")).getText()).isEqualTo("1");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameRollUp;")).isEqualTo("yes");
    }

    private String missed() {
        return browser.findElement(By.cssSelector("[data-client] [data-col=missed]")).getText();
    }

    private List<String> names() {
        return browser.findElements(By.cssSelector("[data-client] td:first-child")).stream().map(WebElement::getText)
                .toList();
    }

    /** A client with the seeded history, seeded as many times (each adds five missed calls in 30 days). */
    private void client(UUID agency, String name, int histories) {
        UUID client = fixtures.clientOf(agency, name);
        AsTenant.run(client, () -> Tenant.<Tenant>findById(client).timezone = SeededFigures.ZONE.getId());
        for (int i = 0; i < histories; i++) {
            seeded.seed(client);
        }
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition::apply);
    }
}
