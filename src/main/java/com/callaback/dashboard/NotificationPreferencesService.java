package com.callaback.dashboard;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.callaback.identity.Role;
import com.callaback.identity.User;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.InvalidInputException;

/** Each person's own choice of alerts outside the app, in the active business. */
@ApplicationScoped
public class NotificationPreferencesService {

    @Inject
    TenantContext tenantContext;

    /** What the preferences page shows: the choices, and where alerts would go (or why they cannot). */
    public record View(NotificationInbox inbox, String email, String forwardingPhone, boolean canText,
            String businessName, boolean mayChooseTexts) {

        public boolean hasEmail() {
            return email != null && !email.isBlank();
        }
    }

    /** The choices as submitted: a checkbox left unticked is absent from the form, which is false. */
    public record Choices(boolean emailAlerts, boolean textAlerts, boolean calls, boolean replies, boolean problems) {
    }

    @Transactional
    public View view(UUID userId, Role role) {
        Tenant tenant = Tenant.findById(tenantContext.require());
        User user = User.findById(userId);
        boolean canText = tenant.forwardingPhone != null && !tenant.textingOnHold() && !tenant.billingStopsTexts()
                && PhoneNumber.findFirstActive().isPresent();
        return new View(NotificationInbox.of(userId), user.email, tenant.forwardingPhone, canText, tenant.name,
                role.atLeast(Role.ADMIN));
    }

    /**
     * The forwarding phone is the business's, usually the owner's own: only admins and owners may have alerts texted
     * to it, so a member cannot start texts to a phone whose holder cannot see or stop them.
     */
    @Transactional
    public void save(UUID userId, Role role, Choices choices) {
        if (choices.textAlerts() && !role.atLeast(Role.ADMIN)) {
            throw new InvalidInputException("textAlerts",
                    "Only admins and owners can have alerts texted to the business's forwarding phone.");
        }
        NotificationInbox inbox = NotificationInbox.forUpdate(userId);
        inbox.emailAlerts = choices.emailAlerts();
        inbox.textAlerts = choices.textAlerts();
        inbox.alertCalls = choices.calls();
        inbox.alertReplies = choices.replies();
        inbox.alertProblems = choices.problems();
    }
}
