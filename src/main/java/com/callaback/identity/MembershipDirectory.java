package com.callaback.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.tenant.Tenant;

/**
 * Answers "which businesses may this user act in, and how" before any tenant is known. It reads only routing
 * data: the memberships_of_user() database function (ids and roles) and the global tenants table.
 */
@ApplicationScoped
public class MembershipDirectory {

    @Inject
    EntityManager em;

    /** Direct memberships, ordered by business name. Must run inside a transaction. */
    public List<TenantAccess> membershipsOf(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select tenant_id, role from memberships_of_user(?1)")
                .setParameter(1, userId)
                .getResultList();
        Map<UUID, Role> roles = rows.stream()
                .collect(Collectors.toMap(r -> (UUID) r[0], r -> Role.fromDb((String) r[1])));
        List<TenantAccess> access = new ArrayList<>();
        for (Tenant tenant : Tenant.listByIdsOrderedByName(new ArrayList<>(roles.keySet()))) {
            if ("active".equals(tenant.status)) {
                access.add(new TenantAccess(tenant.id, tenant.name, tenant.isAgency(), roles.get(tenant.id), null));
            }
        }
        return access;
    }

    /**
     * How the user may act in {@code tenantId}: through a membership there, or as an owner or admin of the
     * agency that runs it (then as admin). Empty means the business is not theirs to see.
     */
    public Optional<TenantAccess> accessTo(UUID tenantId, List<TenantAccess> memberships) {
        Map<UUID, TenantAccess> byTenant = memberships.stream()
                .collect(Collectors.toMap(TenantAccess::tenantId, Function.identity()));
        if (byTenant.containsKey(tenantId)) {
            return Optional.of(byTenant.get(tenantId));
        }
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null || tenant.agencyId == null || !"active".equals(tenant.status)) {
            return Optional.empty();
        }
        TenantAccess agency = byTenant.get(tenant.agencyId);
        if (agency == null || !agency.role().atLeast(Role.ADMIN)) {
            return Optional.empty();
        }
        return Optional.of(new TenantAccess(tenant.id, tenant.name, false, Role.ADMIN, agency.tenantName()));
    }
}
