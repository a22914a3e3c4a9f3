package com.callaback.dashboard.alert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.dashboard.Notification;
import com.callaback.dashboard.NotificationInbox;
import com.callaback.identity.Membership;
import com.callaback.identity.User;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.PlatformConfig;

/**
 * The database side of alerting, in one business: which person gets which notifications by which channel
 * (recorded before anything is sent), and afterwards whether each alert went out.
 */
@ApplicationScoped
public class AlertService {

    @Inject
    EntityManager em;
    @Inject
    TenantContext tenantContext;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    PlatformConfig platform;

    /** One alert to send once the transaction that recorded it has committed. */
    public record Outgoing(UUID deliveryId, AlertChannel channel, String to, AlertMessage message,
            TwilioGateway.Credentials credentials, String from) {
    }

    /**
     * Takes the notifications this worker claimed (those another worker took over meanwhile are left to it), marks
     * them alerted and records one email per person and at most one text per phone, each carrying all of them.
     */
    public List<Outgoing> prepare(List<UUID> notificationIds, String worker) {
        @SuppressWarnings("unchecked")
        List<UUID> ours = em.createNativeQuery("update notifications set alert_state = 'done', alert_claimed_by = null, "
                + "alert_lease_until = null where id in (?1) and alert_state = 'claimed' and alert_claimed_by = ?2 "
                + "returning id")
                .setParameter(1, notificationIds).setParameter(2, worker).getResultList();
        if (ours.isEmpty()) {
            return List.of();
        }
        List<Notification> notifications = Notification.list("id in ?1 order by createdAt, id", ours);
        List<UUID> memberIds = Membership.listOrdered().stream().map(m -> m.userId).toList();
        if (memberIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, User> users = User.<User>list("id in ?1", memberIds).stream()
                .collect(Collectors.toMap(u -> u.id, Function.identity()));
        Map<UUID, NotificationInbox> inboxes = NotificationInbox.<NotificationInbox>list("userId in ?1", memberIds)
                .stream().collect(Collectors.toMap(i -> i.userId, Function.identity()));
        Tenant tenant = Tenant.findById(tenantContext.require());
        String baseUrl = platform.publicBaseUrl();

        List<Outgoing> outgoing = new ArrayList<>();
        Set<UUID> wantedByText = new HashSet<>();
        for (UUID userId : memberIds) {
            NotificationInbox inbox = inboxes.containsKey(userId) ? inboxes.get(userId) : NotificationInbox.defaults(userId);
            List<Notification> theirs = notifications.stream()
                    .filter(n -> n.userId == null || n.userId.equals(userId))
                    .filter(n -> inbox.wants(n.topic())).toList();
            if (theirs.isEmpty()) {
                continue;
            }
            String email = users.get(userId).email;
            if (inbox.emailAlerts && email != null && !email.isBlank()) {
                AlertDelivery delivery = AlertDelivery.record(AlertChannel.EMAIL, userId, email, ids(theirs));
                outgoing.add(new Outgoing(delivery.id, AlertChannel.EMAIL, email,
                        AlertMessage.email(tenant.name, theirs, baseUrl), null, null));
            }
            if (inbox.textAlerts) {
                theirs.forEach(n -> wantedByText.add(n.id));
            }
        }
        if (!wantedByText.isEmpty()) {
            textToForwardingPhone(tenant, notifications.stream().filter(n -> wantedByText.contains(n.id)).toList(),
                    baseUrl).ifPresent(outgoing::add);
        }
        return outgoing;
    }

    /** Records how one alert went: sent, or why not. */
    public void recordResult(UUID deliveryId, String failure) {
        AlertDelivery delivery = AlertDelivery.findById(deliveryId);
        if (failure == null) {
            delivery.sent();
        } else {
            delivery.failed(failure);
        }
    }

    /** Everyone who wants texts shares the one forwarding phone: it gets one text, from the business's number. */
    private Optional<Outgoing> textToForwardingPhone(Tenant tenant, List<Notification> notifications, String baseUrl) {
        // Carriers block US texts from a number whose registration is not approved, and a billing stop holds every
        // text; the email still goes.
        if (tenant.forwardingPhone == null || tenant.textingOnHold() || tenant.billingStopsTexts()) {
            return Optional.empty();
        }
        PhoneNumber number = PhoneNumber.findFirstActive().orElse(null);
        TwilioGateway.Credentials account = number == null ? null : credentials.forNumber(number.id);
        if (account == null) {
            return Optional.empty();
        }
        AlertDelivery delivery = AlertDelivery.record(AlertChannel.TEXT, null, tenant.forwardingPhone,
                ids(notifications));
        return Optional.of(new Outgoing(delivery.id, AlertChannel.TEXT, tenant.forwardingPhone,
                AlertMessage.text(tenant.name, notifications, baseUrl), account, number.e164));
    }

    private static UUID[] ids(List<Notification> notifications) {
        return notifications.stream().map(n -> n.id).toArray(UUID[]::new);
    }
}
