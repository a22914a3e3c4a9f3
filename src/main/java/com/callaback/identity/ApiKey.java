package com.callaback.identity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.callaback.tenant.TenantScoped;

/** A tenant API key for integrators; only a prefix (to recognise it) and its SHA-256 are stored. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends TenantScoped {

    public String name;
    @Column(name = "key_prefix")
    public String keyPrefix;
    @Column(name = "key_hash")
    public String keyHash;
    /** "read", and "write" for a key that may change things. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "scopes")
    public String[] scopes = { "read" };
    @Column(name = "created_by")
    public UUID createdBy;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean canWrite() {
        return Arrays.asList(scopes).contains("write");
    }

    /** Keys newest first, revoked ones included (the page shows when they were revoked). */
    public static List<ApiKey> listNewestFirst() {
        return list("order by createdAt desc, id");
    }
}
