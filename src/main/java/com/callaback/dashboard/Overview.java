package com.callaback.dashboard;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.callaback.dashboard.usage.PlanUsage;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;

/**
 * What the overview page shows for the active business: today's figures, each period's, the latest activity and
 * the usage against its plan.
 */
public record Overview(Tenant tenant, Today today, long pendingFollowUps, List<PhoneNumber> numbers,
        List<RecentActivity> recent, Map<Period, PeriodFigures> figures, PlanUsage usage) {

    /** The periods side by side, shortest first. */
    public List<PeriodFigures> periods() {
        return List.of(figures.get(Period.TODAY), figures.get(Period.WEEK), figures.get(Period.MONTH));
    }

    public List<String> stages() {
        return PeriodFigures.STAGES;
    }

    public List<String> categories() {
        return PeriodFigures.CATEGORIES;
    }

    /** What the charts draw (leads by stage and category, missed and recovered calls per period), as JSON. */
    public String chartData() {
        PeriodFigures month = figures.get(Period.MONTH);
        return "{\"stages\":" + json(month.leadsByStage()) + ",\"categories\":" + json(month.leadsByCategory())
                + ",\"periods\":[" + periods().stream().map(p -> "{\"label\":\"" + p.period().label()
                        + "\",\"missed\":" + p.missedCalls() + ",\"recovered\":" + p.recoveredCalls() + "}")
                        .collect(Collectors.joining(",")) + "]}";
    }

    private static String json(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** Since midnight in the business's time zone. */
    public record Today(long missedCalls, long textsSent, long textsDelivered, long replies, long newLeads) {
    }
}
