package com.callaback.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.CreationTimestamp;

import com.callaback.tenant.TenantScoped;

/** An invitation link to join a business; only the SHA-256 of its token is stored. */
// Only changed columns are written: a save never puts back a value another transaction changed meanwhile
// (a STOP that opted the contact out, a worker's status).
@DynamicUpdate
@Entity
@Table(name = "invitations")
public class Invitation extends TenantScoped {

    public String email;
    public String role;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "invited_by")
    public UUID invitedBy;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "accepted_by")
    public UUID acceptedBy;
    /** Set when an owner or admin withdraws the invitation; the link then no longer works. */
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isPending(Instant now) {
        return acceptedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }

    public Role invitedRole() {
        return Role.fromDb(role);
    }

    public static List<Invitation> listPending(Instant now) {
        return list("acceptedAt is null and revokedAt is null and expiresAt > ?1 order by createdAt desc", now);
    }

    public static long countPending(Instant now) {
        return count("acceptedAt is null and revokedAt is null and expiresAt > ?1", now);
    }

    public static boolean isPendingFor(String email, Instant now) {
        return count("email = ?1 and acceptedAt is null and revokedAt is null and expiresAt > ?2", email, now) > 0;
    }
}
