package com.callaback.tenant;

import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Hibernate hands the tenant of a session around as the string from {@link CurrentTenantResolver}; the column is a
 * PostgreSQL uuid. Converting here lets the discriminator filter bind a real uuid.
 */
@Converter
public class TenantIdConverter implements AttributeConverter<String, UUID> {

    @Override
    public UUID convertToDatabaseColumn(String tenantId) {
        return tenantId == null ? null : UUID.fromString(tenantId);
    }

    @Override
    public String convertToEntityAttribute(UUID tenantId) {
        return tenantId == null ? null : tenantId.toString();
    }
}
