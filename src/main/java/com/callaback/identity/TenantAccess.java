package com.callaback.identity;

import java.util.UUID;

/** A business the signed-in user may act in, with the role they act with there. */
public record TenantAccess(UUID tenantId, String tenantName, boolean agency, Role role, String viaAgencyName) {

    public boolean viaAgency() {
        return viaAgencyName != null;
    }
}
