package com.callaback.dashboard;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.callaback.identity.User;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;

/** Each person's own choice of alerts outside the app, in the active business. */
@ApplicationScoped
public class NotificationPreferencesService {

    @Inject
    TenantContext tenantContext;

    /** What the preferences page shows: the choices, and where alerts would go (or why they cannot). */
    public record View(NotificationInbox inbox, String email, String forwardingPhone, boolean canText,
            String businessName) {

        public boolean hasEmail() {
            return email != null && !email.isBlank();
        }
    }

    /** The choices as submitted: a checkbox left unticked is absent from the form, which is false. */
    public record Choices(boolean emailAlerts, boolean textAlerts, boolean calls, boolean replies, boolean problems) {
    }

    @Transactional
    public View view(UUID userId) {
        Tenant tenant = Tenant.findById(tenantContext.require());
        User user = User.findById(userId);
        boolean canText = tenant.forwardingPhone != null && !tenant.textingOnHold()
                && PhoneNumber.findFirstActive().isPresent();
        return new View(NotificationInbox.of(userId), user.email, tenant.forwardingPhone, canText, tenant.name);
    }

    @Transactional
    public void save(UUID userId, Choices choices) {
        NotificationInbox inbox = NotificationInbox.forUpdate(userId);
        inbox.emailAlerts = choices.emailAlerts();
        inbox.textAlerts = choices.textAlerts();
        inbox.alertCalls = choices.calls();
        inbox.alertReplies = choices.replies();
        inbox.alertProblems = choices.problems();
    }
}
