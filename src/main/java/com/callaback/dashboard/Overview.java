package com.callaback.dashboard;

import java.util.List;

import com.callaback.contacts.Interaction;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;

/** What the overview page shows for the active business. */
public record Overview(Tenant tenant, long contacts, long missedCalls, long openLeads, long pendingFollowUps,
        List<PhoneNumber> numbers, List<Interaction> recent) {
}
