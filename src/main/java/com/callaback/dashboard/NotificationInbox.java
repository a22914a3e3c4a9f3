package com.callaback.dashboard;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.UpdateTimestamp;

import com.callaback.tenant.TenantScoped;

/**
 * One person's notifications in one business: before when everything counts as read, and which alerts reach them
 * outside the app (an email, a text to the business's forwarding phone) about which topics.
 */
@Entity
@Table(name = "notification_inboxes")
public class NotificationInbox extends TenantScoped {

    @Column(name = "user_id")
    public UUID userId;
    /** Everything created before this is read ("mark all read"); later ones are read one by one. */
    @Column(name = "all_read_before")
    public Instant allReadBefore;
    @Column(name = "email_alerts")
    public boolean emailAlerts = true;
    @Column(name = "text_alerts")
    public boolean textAlerts;
    @Column(name = "alert_calls")
    public boolean alertCalls = true;
    @Column(name = "alert_replies")
    public boolean alertReplies = true;
    @Column(name = "alert_problems")
    public boolean alertProblems = true;
    @UpdateTimestamp
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** This person's inbox, or the defaults (unsaved) for someone who never changed anything. */
    public static NotificationInbox of(UUID userId) {
        return NotificationInbox.<NotificationInbox>find("userId", userId).firstResultOptional()
                .orElseGet(() -> defaults(userId));
    }

    /** The choices of someone who never changed anything (not saved). */
    public static NotificationInbox defaults(UUID userId) {
        NotificationInbox inbox = new NotificationInbox();
        inbox.userId = userId;
        return inbox;
    }

    /** This person's inbox row, created with the defaults if absent (safe when two requests race to create it). */
    public static NotificationInbox forUpdate(UUID userId) {
        getEntityManager().createNativeQuery("insert into notification_inboxes (tenant_id, id, user_id) "
                + "values (current_tenant_id(), ?1, ?2) on conflict (tenant_id, user_id) do nothing")
                .setParameter(1, UUID.randomUUID()).setParameter(2, userId).executeUpdate();
        return find("userId", userId).firstResult();
    }

    /** "Mark all read" in one statement, whatever the number of notifications; the mark never moves back. */
    public static void markAllRead(UUID userId, Instant upTo) {
        getEntityManager().createNativeQuery("insert into notification_inboxes (tenant_id, id, user_id, all_read_before) "
                + "values (current_tenant_id(), ?1, ?2, ?3) on conflict (tenant_id, user_id) do update set "
                + "all_read_before = greatest(notification_inboxes.all_read_before, excluded.all_read_before), "
                + "updated_at = now()")
                .setParameter(1, UUID.randomUUID()).setParameter(2, userId).setParameter(3, upTo).executeUpdate();
    }

    public boolean wants(NotificationTopic topic) {
        return switch (topic) {
            case CALLS -> alertCalls;
            case REPLIES -> alertReplies;
            case PROBLEMS -> alertProblems;
        };
    }

    public boolean wantsAnyAlert() {
        return (emailAlerts || textAlerts) && (alertCalls || alertReplies || alertProblems);
    }
}
