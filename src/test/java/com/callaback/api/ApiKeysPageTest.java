package com.callaback.api;

import static com.callaback.api.ApiKeyFixtures.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.callaback.identity.ApiKey;
import com.callaback.support.Browser;
import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The API keys page: an admin creates a key, sees it once, uses it, and revokes it; members cannot manage keys. */
@QuarkusTest
class ApiKeysPageTest {

    @TestHTTPResource("/")
    java.net.URL app;
    @Inject
    Fixtures fixtures;
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
    void anAdminCreatesAKeySeenOnceThenRevokesIt() throws Exception {
        UUID business = fixtures.business("Keys Browser Florist");
        fixtures.member(business, "keys-browser-admin", "admin");
        browser = Browser.start();
        String base = app.toString().replaceAll("/$", "");
        browser.get(base + "/settings/api-keys");
        browser.findElement(By.cssSelector("summary.custom-link")).click();
        browser.findElement(By.name("name")).sendKeys("keys-browser-admin");
        browser.findElement(By.name("roles")).sendKeys("user");
        browser.findElement(By.cssSelector("form.custom-form button[type=submit]")).click();
        waitFor(d -> d.getPageSource().contains("<h1>API keys</h1>"));
        assertThat(browser.findElements(By.cssSelector("[data-no-keys]"))).hasSize(1);

        browser.findElement(By.id("name")).sendKeys("CRM sync");
        new Select(browser.findElement(By.id("scope"))).selectByValue("write");
        browser.findElement(By.cssSelector("form[action='/settings/api-keys'] button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-secret]")).isEmpty());
        String key = browser.findElement(By.cssSelector("[data-secret]")).getText();
        assertThat(key).matches("cbk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}");
        String prefix = key.substring(0, 12);
        assertThat(browser.findElement(By.cssSelector("[data-prefix='" + prefix + "']")).getText())
                .contains("CRM sync", "read, write", "never");
        Browser.screenshot(browser, "api-keys");

        // Only the fingerprint is stored; the page never shows the key again.
        scope.run(business, () -> {
            ApiKey stored = ApiKey.find("keyPrefix", prefix).firstResult();
            assertThat(stored.keyHash).isNotEqualTo(key).hasSize(64);
        });
        browser.get(base + "/settings/api-keys");
        assertThat(browser.getPageSource()).doesNotContain(key.substring(13)).contains(prefix);
        assertThat(browser.findElements(By.cssSelector("[data-secret]"))).isEmpty();

        as(key).get("/api/contacts").then().statusCode(200);
        browser.get(base + "/settings/api-keys");
        assertThat(browser.findElement(By.cssSelector("[data-prefix='" + prefix + "'] [data-last-used]")).getText())
                .isNotEqualTo("never");

        browser.findElement(By.cssSelector("[data-prefix='" + prefix + "'] [data-revoke]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[data-prefix='" + prefix + "'][data-revoked]")).isEmpty());
        as(key).get("/api/contacts").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "keys-member")
    void aMemberCannotSeeOrCreateKeys() {
        UUID business = fixtures.business("Keys Member Deli");
        fixtures.member(business, "keys-member", "member");
        given().redirects().follow(false).get("/settings/api-keys").then().statusCode(403);
        given().redirects().follow(false).formParam("name", "sneaky").post("/settings/api-keys").then().statusCode(403);
        scope.run(business, () -> assertThat(ApiKey.count()).isZero());

    }

    @Test
    @TestSecurity(user = "keys-admin-cross")
    void anAdminCannotRevokeAnotherBusinesssKeyAndBadInputIsA400() {
        UUID business = fixtures.business("Keys Admin Bakery");
        UUID other = fixtures.business("Keys Rival Bakery");
        fixtures.member(business, "keys-admin-cross", "admin");
        UUID otherKey = scope.call(other, () -> {
            ApiKey k = new ApiKey();
            k.name = "theirs";
            k.keyPrefix = "cbk_yyyyyyyy";
            k.keyHash = "1".repeat(64);
            k.persist();
            return k.id;
        });
        given().redirects().follow(false).post("/settings/api-keys/" + otherKey + "/revoke").then().statusCode(404);
        scope.run(other, () -> assertThat(ApiKey.<ApiKey>findById(otherKey).revoked()).isFalse());

        given().redirects().follow(false).formParam("name", "  ").post("/settings/api-keys").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("Name the key"));
        scope.run(business, () -> assertThat(ApiKey.count()).isZero());
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition::apply);
    }
}
