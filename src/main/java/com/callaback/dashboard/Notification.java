package com.callaback.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;

import com.callaback.tenant.TenantScoped;
/**
 * Something the team of a business should see: a missed call, a reply, a failed or held text. Whether it is read
 * is each person's own ({@link NotificationInbox}, notification_reads); its alerts outside the app go out once,
 * from the alert outbox columns (alert_state and its lease, written only by the alert workers in SQL).
 */
@Entity
@Table(name = "notifications")
public class Notification extends TenantScoped {

    /** Set for a notification meant for one person; null for the whole team. */
    @Column(name = "user_id")
    public UUID userId;
    public String type;
    public String title;
    public String body;
    public String link;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;

    /** Tells the whole team of the current business. */
    public static Notification raise(String type, String title, String body, String link) {
        Notification notification = new Notification();
        notification.type = type;
        notification.title = title;
        notification.body = body;
        notification.link = link;
        notification.persist();
        return notification;
    }

    public static List<Notification> listRecent(int limit) {
        return find("order by createdAt desc").page(0, limit).list();
    }

    /** Newest first, what one person sees: the team's notifications and their own. */
    public static List<Notification> listVisibleTo(UUID userId, int offset, int limit) {
        return find("userId is null or userId = ?1 order by createdAt desc, id desc", userId)
                .range(offset, offset + limit - 1).list();
    }

    /** One notification this person may see, in the current business. */
    public static Optional<Notification> findVisibleTo(UUID id, UUID userId) {
        return Notification.<Notification>findByIdOptional(id)
                .filter(n -> n.userId == null || n.userId.equals(userId));
    }

    public NotificationTopic topic() {
        return NotificationTopic.of(type);
    }

    /** Where opening it leads: its own page in this app, never another site (a link is stored text). */
    public String target() {
        return link != null && link.startsWith("/") && !link.startsWith("//") && !link.contains("\\")
                ? link : "/notifications";
    }
}
