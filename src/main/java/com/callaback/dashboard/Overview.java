package com.callaback.dashboard;

import java.util.List;

import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;

/** What the overview page shows for the active business: today's figures and the latest activity. */
public record Overview(Tenant tenant, Today today, long pendingFollowUps, List<PhoneNumber> numbers,
        List<RecentActivity> recent) {

    /** Since midnight in the business's time zone. */
    public record Today(long missedCalls, long textsSent, long textsDelivered, long replies, long newLeads) {
    }
}
