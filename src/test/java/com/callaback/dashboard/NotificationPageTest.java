package com.callaback.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The notifications page and the header count: read and unread are each person's own, opening one marks it read
 * and leads to its page, and another business's notification is a 404 that changes nothing.
 */
@QuarkusTest
class NotificationPageTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    NotificationService notifications;
    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "notif-page-owner")
    void theListShowsNewestFirstWithUnreadMarkedAndTheHeaderCountsThem() {
        UUID shop = business("Notif Page Bakery", "notif-page-owner");
        raise(shop, "First: missed call from Ann", "/leads");
        raise(shop, "Second: Ben replied (LEAD)", "/leads");
        raise(shop, "Third: a text is on hold", "/follow-ups");

        String page = given().get("/notifications").then().statusCode(200)
                .body(containsString("<h1>Notifications</h1>"), containsString("data-mark-all-read"),
                        containsString("just now"))
                .extract().asString();
        assertThat(page.indexOf("Third: a text is on hold")).isPositive()
                .isLessThan(page.indexOf("Second: Ben replied")).isLessThan(page.indexOf("First: missed call"));
        assertThat(count(page, "data-unread>")).isEqualTo(3);
        assertThat(badge(page)).isEqualTo("3");
        assertThat(badge(given().get("/").then().statusCode(200).extract().asString()))
                .as("every page's header shows the count").isEqualTo("3");
    }

    @Test
    @TestSecurity(user = "notif-open-owner")
    void openingANotificationMarksItReadAndLeadsToItsPage() {
        UUID shop = business("Notif Open Garage", "notif-open-owner");
        UUID contactId = fixtures.contact(shop, Fixtures.randomPhone(), "Cara");
        UUID id = raise(shop, "Missed call from Cara", "/contacts/" + contactId);
        raise(shop, "New lead: Cara", "/leads");

        given().redirects().follow(false).get("/notifications/" + id + "/open").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/contacts/" + contactId));

        String page = given().get("/notifications").then().statusCode(200).extract().asString();
        assertThat(badge(page)).isEqualTo("1");
        assertThat(page).doesNotContain("data-notification=\"" + id + "\" data-unread")
                .contains("data-notification=\"" + id + "\"");
        given().redirects().follow(false).get("/notifications/" + id + "/open").then().statusCode(303);
        assertThat(badge(given().get("/notifications").then().extract().asString()))
                .as("opening twice reads once").isEqualTo("1");
    }

    @Test
    @TestSecurity(user = "notif-mark-owner")
    void markOneAndMarkAllReadAnswer303BackToTheListAndTheBadgeHidesAtZero() throws InterruptedException {
        UUID shop = business("Notif Mark Florist", "notif-mark-owner");
        UUID first = raise(shop, "Flowers: missed call", "/leads");
        raise(shop, "Flowers: reply", "/leads");

        given().redirects().follow(false).formParam("page", "1").post("/notifications/" + first + "/read").then()
                .statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/notifications"));
        assertThat(badge(given().get("/notifications").then().extract().asString())).isEqualTo("1");

        // Mark all read covers what the page showed: one that arrived while the person looked stays unread.
        String shown = given().get("/notifications").then().statusCode(200).extract().asString();
        java.util.regex.Matcher seen = java.util.regex.Pattern.compile("name=\"seen\" value=\"([^\"]+)\"")
                .matcher(shown);
        assertThat(seen.find()).isTrue();
        Thread.sleep(5);
        raise(shop, "Flowers: arrived while the page was open", "/leads");
        given().redirects().follow(false).formParam("seen", seen.group(1)).post("/notifications/read-all").then()
                .statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/notifications"));
        assertThat(badge(given().get("/notifications").then().extract().asString())).isEqualTo("1");

        given().redirects().follow(false).post("/notifications/read-all").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/notifications"));
        String page = given().get("/notifications").then().statusCode(200).extract().asString();
        assertThat(count(page, "data-unread>")).isZero();
        assertThat(page).contains("data-unread-count aria-label=\"0 unread\" hidden>0</span>");
        assertThat(page).as("nothing left to mark read").doesNotContain("data-mark-all-read");
        raise(shop, "Flowers: a new one after mark all", "/leads");
        assertThat(badge(given().get("/notifications").then().extract().asString()))
                .as("what arrives after mark all read is unread").isEqualTo("1");
    }

    @Test
    @TestSecurity(user = "notif-team-member")
    void markAllReadIsEachPersonsOwn() {
        UUID shop = fixtures.business("Notif Team Plumbing");
        fixtures.member(shop, "notif-team-owner", "owner");
        fixtures.member(shop, "notif-team-member", "member");
        switchTo(shop);
        raise(shop, "Plumbing: missed call", "/leads");
        raise(shop, "Plumbing: reply", "/leads");
        UUID owner = fixtures.user("notif-team-owner");
        UUID member = fixtures.user("notif-team-member");

        scope.run(shop, () -> notifications.markAllRead(owner, java.time.Instant.now()));

        scope.run(shop, () -> assertThat(notifications.unreadCount(owner, 100)).isZero());
        String page = given().get("/notifications").then().statusCode(200).extract().asString();
        assertThat(count(page, "data-unread>")).as("the member still sees both unread").isEqualTo(2);
        assertThat(badge(page)).isEqualTo("2");
        scope.run(shop, () -> assertThat(notifications.unreadCount(member, 100)).isEqualTo(2));
    }

    @Test
    @TestSecurity(user = "notif-private-member")
    void aNotificationForOnePersonIsNotShownToOthers() {
        UUID shop = fixtures.business("Notif Private Dental");
        fixtures.member(shop, "notif-private-owner", "owner");
        fixtures.member(shop, "notif-private-member", "member");
        switchTo(shop);
        UUID owner = fixtures.user("notif-private-owner");
        UUID forOwner = scope.call(shop, () -> {
            Notification n = Notification.raise("system", "Only for the owner", null, "/settings/numbers");
            n.userId = owner;
            return n.id;
        });

        given().get("/notifications").then().statusCode(200).body(not(containsString("Only for the owner")));
        given().redirects().follow(false).get("/notifications/" + forOwner + "/open").then().statusCode(404);
        given().redirects().follow(false).post("/notifications/" + forOwner + "/read").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "notif-outsider")
    void anotherBusinessCannotOpenOrMarkReadANotification() {
        UUID victim = fixtures.business("Notif Victim Spa");
        UUID theirs = raise(victim, "Victim: missed call from Dora", "/leads");
        business("Notif Outsider Gym", "notif-outsider");

        given().get("/notifications").then().statusCode(200).body(not(containsString("Victim: missed call")));
        given().redirects().follow(false).get("/notifications/" + theirs + "/open").then().statusCode(404)
                .header("Location", org.hamcrest.Matchers.nullValue());
        given().redirects().follow(false).post("/notifications/" + theirs + "/read").then().statusCode(404);
        given().redirects().follow(false).get("/notifications/not-a-uuid/open").then().statusCode(404);
        scope.run(victim, () -> assertThat(em.createNativeQuery(
                "select count(*) from notification_reads where notification_id = ?1").setParameter(1, theirs)
                .getSingleResult()).isEqualTo(0L));
    }

    @Test
    @TestSecurity(user = "notif-many-owner")
    void theHeaderCountStopsAt99Plus() {
        UUID shop = business("Notif Busy Salon", "notif-many-owner");
        scope.run(shop, () -> em.createNativeQuery("insert into notifications (tenant_id, id, type, title, link) "
                + "select current_tenant_id(), gen_random_uuid(), 'missed_call', 'Busy ' || g, '/leads' "
                + "from generate_series(1, 120) g").executeUpdate());

        String page = given().get("/notifications?page=2").then().statusCode(200)
                .body(containsString("rel=\"prev\""), containsString("rel=\"next\"")).extract().asString();
        assertThat(badge(page)).isEqualTo("99+");
        assertThat(count(page, "data-notification=")).isEqualTo(25);
    }

    @Test
    void theUnreadCountAndTheListReadTheTimeIndexNotTheWholeTable() {
        UUID shop = fixtures.business("Notif Index Clinic");
        fixtures.member(shop, "notif-index-owner", "owner");
        UUID owner = fixtures.user("notif-index-owner");
        scope.run(shop, () -> {
            em.createNativeQuery("insert into notifications (tenant_id, id, type, title, link, created_at) "
                    + "select current_tenant_id(), gen_random_uuid(), 'missed_call', 'Call ' || g, '/leads', "
                    + "now() - g * interval '1 minute' from generate_series(1, 20000) g").executeUpdate();
            em.createNativeQuery("insert into notification_reads (tenant_id, user_id, notification_id) "
                    + "select tenant_id, ?1, id from notifications where title like 'Call 1%'")
                    .setParameter(1, owner).executeUpdate();
        });

        analyze("notifications", "notification_reads");

        String count = explain(shop, "explain " + NotificationService.UNREAD_COUNT, owner, 100);
        // The list as Notification.listVisibleTo asks for it (page 3 of 25, one row more to learn of a next page).
        String list = explain(shop, "explain select * from notifications where (user_id is null or user_id = ?1) "
                + "order by created_at desc, id desc offset 50 limit ?2", owner, 26);
        for (String plan : List.of(count, list)) {
            assertThat(plan).contains("notifications_time_idx").doesNotContain("Seq Scan on notifications");
        }
        assertThat(count).contains("notification_reads_pkey");
        scope.run(shop, () -> assertThat(notifications.unreadCount(owner, 100)).isEqualTo(100));
    }

    /** Fresh planner statistics, as autovacuum would gather in production; only the tables' owner may. */
    private static void analyze(String... tables) {
        Config config = ConfigProvider.getConfig();
        try (Connection owner = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
                Statement statement = owner.createStatement()) {
            statement.execute("analyze " + String.join(", ", tables));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String explain(UUID tenantId, String sql, UUID userId, int limit) {
        return scope.call(tenantId, () -> {
            @SuppressWarnings("unchecked")
            List<String> lines = em.createNativeQuery(sql).setParameter(1, userId).setParameter(2, limit)
                    .getResultList();
            return String.join("\n", lines);
        });
    }

    @Test
    @TestSecurity(user = "notif-nobody")
    void aPersonWithNoBusinessIsSentToSetOneUp() {
        fixtures.user("notif-nobody");
        given().redirects().follow(false).get("/notifications").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/onboarding"));
    }

    private UUID business(String name, String ownerSubject) {
        UUID tenantId = fixtures.business(name);
        fixtures.member(tenantId, ownerSubject, "owner");
        switchTo(tenantId);
        return tenantId;
    }

    private static void switchTo(UUID tenantId) {
        given().redirects().follow(false).formParam("tenant", tenantId.toString()).post("/switch").then()
                .statusCode(303);
    }

    private UUID raise(UUID tenantId, String title, String link) {
        return scope.call(tenantId, () -> Notification.raise("missed_call", title, "Details of " + title, link).id);
    }

    private static final Pattern BADGE = Pattern.compile("data-unread-count aria-label=\"[^\"]*\"( hidden)?>([^<]*)<");

    /** The header count as shown, or "hidden" when the badge is hidden. */
    static String badge(String html) {
        Matcher m = BADGE.matcher(html);
        assertThat(m.find()).as("the header has the unread badge").isTrue();
        return m.group(1) != null ? "hidden" : m.group(2);
    }

    static int count(String html, String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }
}
