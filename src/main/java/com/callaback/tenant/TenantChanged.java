package com.callaback.tenant;

import java.util.UUID;

/** Fired when a business's own row changes, so what is cached about it can be dropped once the change commits. */
public record TenantChanged(UUID tenantId) {
}
