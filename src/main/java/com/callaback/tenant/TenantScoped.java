package com.callaback.tenant;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The superclass of every entity that belongs to one tenant: Hibernate fills {@code tenant_id} on insert
 * and filters every query by the tenant of the current session (layer 1 of tenancy).
 */
@MappedSuperclass
public abstract class TenantScoped extends PanacheEntityBase {

    /** Assigned before insert unless set already (the seed loader uses stable ids). */
    @Id
    public UUID id;

    /**
     * Set by Hibernate from the session's tenant; never assigned by hand. A string because Hibernate carries the
     * tenant of a session as the string of {@link CurrentTenantResolver}; PostgreSQL reads it as the uuid it is
     * (the JDBC driver sends strings untyped: {@code stringtype=unspecified}).
     */
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @PrePersist
    void assignId() {
        if (id == null) {
            id = UUID.randomUUID();
        }
    }
}
