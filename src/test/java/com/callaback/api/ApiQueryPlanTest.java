package com.callaback.api;

import static com.callaback.api.ApiKeyFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.support.BigBusiness;
import com.callaback.support.QueryPlans;
import com.callaback.support.SqlCapture;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every list of the API, first and later pages, with each filter, reads a business of 100,000 interactions and
 * 20,000 contacts through indexes: the generic plan of each statement scans no large table sequentially.
 */
@QuarkusTest
class ApiQueryPlanTest {

    private static final Set<String> LARGE_TABLES = Set.of("contacts", "interactions", "leads", "follow_ups");

    @Inject
    BigBusiness bigBusiness;
    @Inject
    ApiKeyFixtures apiKeys;
    @Inject
    QueryPlans plans;

    @Test
    void everyListUsesIndexesOnABigBusiness() {
        UUID tenantId = bigBusiness.create("API Plan Big Dental");
        String key = apiKeys.key(tenantId, false);
        List<String> routes = new ArrayList<>(List.of("/api/contacts", "/api/users?limit=200",
                "/api/contacts/search?q=Customer%2012", "/api/contacts/search?q=0042", "/api/interactions",
                "/api/interactions?type=call", "/api/interactions?category=APPT",
                "/api/interactions?from=2026-01-01&to=2026-01-31", "/api/leads", "/api/leads?status=won",
                "/api/leads?category=CALLBACK", "/api/follow-ups", "/api/follow-ups?status=pending"));
        for (String list : List.of("/api/contacts", "/api/interactions", "/api/leads", "/api/follow-ups")) {
            String cursor = as(key).get(list + "?limit=5").then().statusCode(200).extract().path("nextCursor");
            assertThat(cursor).as("%s has a second page", list).isNotNull();
            routes.add(list + "?limit=5&cursor=" + cursor);
        }
        List<String> problems = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (String route : routes) {
            List<String> statements = SqlCapture.during(() -> as(key).get(route).then().statusCode(200));
            int checked = 0;
            for (String sql : statements) {
                QueryPlans.Plan plan = plans.explain(tenantId, sql);
                if (!plan.reads(LARGE_TABLES)) {
                    continue;
                }
                checked++;
                plan.sequentialScansOf(LARGE_TABLES)
                        .forEach(scan -> problems.add(route + ": " + scan + " in\n  " + sql + "\n" + plan.text()));
            }
            if (checked == 0) {
                unread.add(route);
            }
        }
        assertThat(unread).as("routes whose statements on large tables were not captured").isEmpty();
        assertThat(problems).as("sequential scans of large tables").isEmpty();
    }
}
