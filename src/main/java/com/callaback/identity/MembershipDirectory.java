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
 * Answers "which businesses may this user act in, and how" before any tenant is known, through the database
 * functions businesses_of_user() and client_of_users_agency() (row-level security hides other businesses' rows).
 */
@ApplicationScoped
public class MembershipDirectory {

    @Inject
    EntityManager em;

    /** Direct memberships, ordered by business name. Must run inside a transaction. */
    public List<TenantAccess> membershipsOf(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select tenant_id, name, is_agency, role from businesses_of_user(?1)")
                .setParameter(1, userId)
                .getResultList();
        return rows.stream()
                .map(r -> new TenantAccess((UUID) r[0], (String) r[1], (Boolean) r[2], Role.fromDb((String) r[3]), null))
                .toList();
    }

    /**
     * How the user may act in {@code tenantId}: through a membership there, or as an owner or admin of the
     * agency that runs it (then as admin). Empty means the business is not theirs to see.
     */
    public Optional<TenantAccess> accessTo(UUID userId, UUID tenantId, List<TenantAccess> memberships) {
        Map<UUID, TenantAccess> byTenant = memberships.stream()
                .collect(Collectors.toMap(TenantAccess::tenantId, Function.identity()));
        if (byTenant.containsKey(tenantId)) {
            return Optional.of(byTenant.get(tenantId));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> clients = em.createNativeQuery("select tenant_id, name, agency_id from client_of_users_agency(?1, ?2)")
                .setParameter(1, userId).setParameter(2, tenantId).getResultList();
        if (clients.isEmpty()) {
            return Optional.empty();
        }
        Object[] client = clients.get(0);
        TenantAccess agency = byTenant.get((UUID) client[2]);
        if (agency == null || !agency.role().atLeast(Role.ADMIN)) {
            return Optional.empty();
        }
        return Optional.of(new TenantAccess((UUID) client[0], (String) client[1], false, Role.ADMIN, agency.tenantName()));
    }
}
