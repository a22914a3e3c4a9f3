package com.callaback.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;

import com.callaback.tenant.TenantScoped;

/** A user's place in one business, with a role. */
@Entity
@Table(name = "memberships")
public class Membership extends TenantScoped {

    @Column(name = "user_id")
    public UUID userId;
    public String role;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;

    public Role role() {
        return Role.fromDb(role);
    }

    public static Optional<Membership> findByUser(UUID userId) {
        return find("userId", userId).firstResultOptional();
    }

    public static List<Membership> listOrdered() {
        return list("order by createdAt");
    }
}
