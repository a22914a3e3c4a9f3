package com.callaback.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;

import io.quarkus.hibernate.orm.panache.Panache;
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

    /** This person's row; row-level security admits it only in a transaction acting for them (or their team). */
    public static Optional<User> findBySubject(String subject) {
        return find("oidcSubject", subject).firstResultOptional();
    }

    /** The person behind a sign-in subject, added if absent (the seed's people); their row is never changed here. */
    public static UUID idForSubject(String subject, String email, String name) {
        return (UUID) Panache.getEntityManager().createNativeQuery("select user_for_subject(?1, ?2, ?3)")
                .setParameter(1, subject).setParameter(2, email).setParameter(3, name).getSingleResult();
    }

    /** The person behind a sign-in subject, without adding one: empty for a subject never seen. */
    public static Optional<UUID> idOfSubject(String subject) {
        return Optional.ofNullable((UUID) Panache.getEntityManager()
                .createNativeQuery("select user_id_of_subject(?1)").setParameter(1, subject).getSingleResult());
    }

    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return email != null ? email : oidcSubject;
    }
}
