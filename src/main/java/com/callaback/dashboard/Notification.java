package com.callaback.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;

import com.callaback.tenant.TenantScoped;

/** Something the team of a business should see: a missed call, a reply, a failed or held text. */
@Entity
@Table(name = "notifications")
public class Notification extends TenantScoped {

    @Column(name = "user_id")
    public UUID userId;
    public String type;
    public String title;
    public String body;
    public String link;
    @Column(name = "read_at")
    public Instant readAt;
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
}
