package com.callaback.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.support.BigBusiness;
import com.callaback.support.Fixtures;
import com.callaback.support.QueryPlans;
import com.callaback.support.SqlCapture;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Every page of a business with 100,000 interactions and 20,000 contacts reads its tables through indexes: each
 * statement the page runs is captured and its generic plan (any parameter values) must not scan a large table.
 */
@QuarkusTest
class ListQueryPlanTest {

    private static final Set<String> LARGE_TABLES = Set.of("contacts", "interactions", "chat_messages", "leads",
            "follow_ups", "sms_metrics", "notifications", "audit_log");

    @Inject
    BigBusiness bigBusiness;
    @Inject
    Fixtures fixtures;
    @Inject
    QueryPlans plans;
    @Inject
    TenantScope scope;

    @Test
    @TestSecurity(user = "plan-owner")
    void everyPageUsesIndexes() {
        UUID tenantId = bigBusiness.create("Plan Test Big Dental");
        fixtures.member(tenantId, "plan-owner", "owner");
        given().redirects().follow(false).formParam("tenant", tenantId.toString()).post("/switch").then().statusCode(303);
        List<String> pages = List.of("/", "/settings/team", "/settings/numbers", "/settings",
                "/settings/audit", "/leads", "/leads?category=APPT", "/leads?status=won&page=2", "/follow-ups",
                "/notifications", "/notifications?page=3", "/conversations", "/conversations?page=4", "/contacts",
                "/contacts?page=5", "/contacts?q=Customer%2012", "/contacts?q=(773)%20000-0042", "/contacts?q=0042");
        List<String> problems = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        UUID contactId = plansContact(tenantId);
        pages = new ArrayList<>(pages);
        pages.add("/conversations/" + contactId);
        pages.add("/contacts/" + contactId);
        for (String page : pages) {
            List<String> statements = SqlCapture.during(() -> given().get(page).then().statusCode(200));
            int checked = 0;
            for (String sql : statements) {
                QueryPlans.Plan plan = plans.explain(tenantId, sql);
                if (!plan.reads(LARGE_TABLES)) {
                    continue;
                }
                checked++;
                plan.sequentialScansOf(LARGE_TABLES)
                        .forEach(scan -> problems.add(page + ": " + scan + " in\n  " + sql + "\n" + plan.text()));
            }
            if (checked == 0 && !page.startsWith("/settings")) {
                unread.add(page);
            }
        }
        assertThat(unread).as("pages whose statements on large tables were not captured").isEmpty();
        assertThat(problems).as("sequential scans of large tables").isEmpty();
    }

    private UUID plansContact(UUID tenantId) {
        return scope.call(tenantId, () -> Contact.findByPhone("+17730000042").orElseThrow().id);
    }
}
