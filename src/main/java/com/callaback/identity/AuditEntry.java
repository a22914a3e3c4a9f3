package com.callaback.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.callaback.tenant.TenantScoped;

/** One line of a business's audit log: who changed what. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends TenantScoped {

    @Column(name = "actor_user_id")
    public UUID actorUserId;
    public String action;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "target_id")
    public String targetId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details = Map.of();
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;

    public static AuditEntry record(UUID actor, String action, String targetType, Object targetId) {
        return record(actor, action, targetType, targetId, Map.of());
    }

    /** The log is append-only (the application role may not update or delete it): details go in with the row. */
    public static AuditEntry record(UUID actor, String action, String targetType, Object targetId,
            Map<String, Object> details) {
        AuditEntry entry = new AuditEntry();
        entry.details = details;
        entry.actorUserId = actor;
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = targetId == null ? null : targetId.toString();
        entry.persist();
        return entry;
    }
}
