package com.callaback.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person who signs in (global): one row per OIDC subject, whatever businesses they belong to. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "oidc_subject")
    public String oidcSubject;
    public String email;
    public String name;
    /** The business this person last chose to work in; checked against their memberships on every request. */
    @Column(name = "active_tenant_id")
    public UUID activeTenantId;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    public static Optional<User> findBySubject(String subject) {
        return find("oidcSubject", subject).firstResultOptional();
    }

    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return email != null ? email : oidcSubject;
    }
}
