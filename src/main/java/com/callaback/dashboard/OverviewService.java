package com.callaback.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.Lead;
import com.callaback.followups.FollowUp;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;

/** Counts and recent activity of the active business (all queries tenant-filtered). */
@ApplicationScoped
public class OverviewService {

    @Inject
    TenantContext tenantContext;

    @Transactional
    public Overview overview() {
        Tenant tenant = Tenant.findById(tenantContext.require());
        return new Overview(tenant,
                Contact.count(),
                Interaction.countMissedCalls(),
                Lead.count("status in ('new', 'contacted', 'qualified')"),
                FollowUp.countPending(),
                PhoneNumber.listActive(),
                Interaction.listRecent(10));
    }
}
