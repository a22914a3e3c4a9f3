package com.callaback.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.support.SeededFigures;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The overview's figures for today, 7 and 30 days against the values counted by hand in {@link SeededFigures}. */
@QuarkusTest
class FiguresTest {

    @Inject
    SeededFigures seeded;
    @Inject
    FiguresService figures;
    @Inject
    TenantScope scope;
    @Inject
    com.callaback.support.Fixtures fixtures;

    @Test
    void figuresMatchTheHandCountedHistory() {
        UUID shop = seeded.create("Figures Plumbing");
        UUID other = seeded.create("Figures Rival Plumbing");

        Map<Period, PeriodFigures> counted = scope.call(shop, () -> figures.figures(SeededFigures.ZONE));

        PeriodFigures today = counted.get(Period.TODAY);
        assertThat(today.missedCalls()).isEqualTo(2);
        assertThat(today.recoveredCalls()).isEqualTo(1);
        assertThat(today.textsSent()).isEqualTo(2);
        assertThat(today.textsDelivered()).isEqualTo(1);
        assertThat(today.textsFailed()).isEqualTo(1);
        assertThat(today.callersTexted()).isEqualTo(2);
        assertThat(today.callersReplied()).isEqualTo(1);
        assertThat(today.replyRatePercent()).isEqualTo(50);
        assertThat(today.medianSecondsToReply()).isEqualTo(240);
        assertThat(today.leadsByStage()).containsEntry("won", 1L).containsEntry("new", 1L).containsEntry("lost", 0L);
        assertThat(today.leadsByCategory()).containsEntry("APPT", 1L).containsEntry("LEAD", 1L).containsEntry("CALLBACK", 0L);

        PeriodFigures week = counted.get(Period.WEEK);
        assertThat(week.missedCalls()).isEqualTo(3);
        assertThat(week.recoveredCalls()).isEqualTo(2);
        assertThat(week.textsSent()).isEqualTo(3);
        assertThat(week.textsDelivered()).isEqualTo(2);
        assertThat(week.textsFailed()).isEqualTo(1);
        assertThat(week.callersTexted()).isEqualTo(3);
        assertThat(week.callersReplied()).isEqualTo(2);
        assertThat(week.replyRatePercent()).isEqualTo(67);
        assertThat(week.medianSecondsToReply()).isEqualTo(720);
        assertThat(week.medianReply()).isEqualTo("12 min");
        assertThat(week.leadsByStage()).containsEntry("contacted", 1L);
        assertThat(week.leadsByCategory()).containsEntry("CALLBACK", 1L);

        PeriodFigures month = counted.get(Period.MONTH);
        assertThat(month.missedCalls()).as("the voicemail counts, the 40-day-old call does not").isEqualTo(5);
        assertThat(month.recoveredCalls()).isEqualTo(3);
        assertThat(month.recoveredPercent()).isEqualTo(60);
        assertThat(month.textsSent()).isEqualTo(4);
        assertThat(month.textsDelivered()).isEqualTo(3);
        assertThat(month.textsFailed()).isEqualTo(1);
        assertThat(month.callersTexted()).isEqualTo(4);
        assertThat(month.callersReplied()).isEqualTo(2);
        assertThat(month.replyRatePercent()).isEqualTo(50);
        assertThat(month.medianSecondsToReply()).isEqualTo(720);
        assertThat(month.leads()).isEqualTo(4);
        assertThat(month.leadsWon()).isEqualTo(1);
        assertThat(month.leadsByCategory()).containsEntry("LEAD", 2L);

        Map<Period, PeriodFigures> empty = scope.call(fixtures.business("Figures Empty Bakery"),
                () -> figures.figures(SeededFigures.ZONE));
        assertThat(empty.get(Period.MONTH).missedCalls()).as("another business's rows never count").isZero();
        assertThat(empty.get(Period.MONTH).medianReply()).isEqualTo("—");
        assertThat(other).isNotEqualTo(shop);
    }

    @Test
    @TestSecurity(user = "figures-owner")
    void theOverviewShowsEachPeriodSideBySideWithCharts() {
        UUID shop = seeded.create("Figures Page Plumbing");
        fixtures.member(shop, "figures-owner", "owner");
        given().redirects().follow(false).formParam("tenant", shop.toString()).post("/switch").then().statusCode(303);

        String page = given().get("/").then().statusCode(200).extract().asString();
        assertThat(page).contains("data-figure=\"missed-calls\" data-period=\"today\">2<",
                "data-figure=\"missed-calls\" data-period=\"week\">3<", "data-figure=\"missed-calls\" data-period=\"month\">5<",
                "data-figure=\"reply-rate\" data-period=\"week\">67%<", "data-figure=\"median-reply\" data-period=\"today\">4 min<",
                "data-figure=\"texts-failed\" data-period=\"month\">1<", "data-figure=\"stage-won\" data-period=\"month\">1<",
                "data-figure=\"category-LEAD\" data-period=\"month\">2<", "id=\"chart-stages\"",
                "/webjars/chart.js/4.4.7/dist/chart.umd.js");
        assertThat(page).contains("\"stages\":{\"new\":1,\"contacted\":1,\"qualified\":0,\"won\":1,\"lost\":1}");
        given().get("/webjars/chart.js/4.4.7/dist/chart.umd.js").then().statusCode(200);
    }
}
