package com.callaback.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.callaback.tenant.TenantScoped;

/** A URL of the business that receives its events, signed with a secret only the business was shown. */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint extends TenantScoped {

    public String url;
    @Column(name = "secret_encrypted")
    public String secretEncrypted;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] events = { "call.missed", "message.received", "lead.moved" };
    @Column(name = "created_by")
    public UUID createdBy;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "disabled_at")
    public Instant disabledAt;

    public boolean active() {
        return disabledAt == null;
    }

    public static List<WebhookEndpoint> listActive() {
        return list("disabledAt is null order by createdAt");
    }
}
