package com.callaback.identity;

import java.util.UUID;

/** A business the signed-in user may act in, with the role they act with there. */
public record TenantAccess(UUID tenantId, String tenantName, boolean agency, Role role, String viaAgencyName) {

    /** Whether this person may change the business's settings and team (admins and owners). */
    public boolean admin() {
        return role.atLeast(Role.ADMIN);
    }

    public boolean viaAgency() {
        return viaAgencyName != null;
    }
}
