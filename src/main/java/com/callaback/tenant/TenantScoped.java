package com.callaback.tenant;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The superclass of every entity that belongs to one tenant: Hibernate fills {@code tenant_id} on insert
 * and filters every query by the tenant of the current session (layer 1 of tenancy).
 */
@MappedSuperclass
public abstract class TenantScoped extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    /** Set by Hibernate from the session's tenant; never assigned by hand. */
    @TenantId
    @Convert(converter = TenantIdConverter.class)
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    public UUID tenantUuid() {
        return tenantId == null ? null : UUID.fromString(tenantId);
    }
}
