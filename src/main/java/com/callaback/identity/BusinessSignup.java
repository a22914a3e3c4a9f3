package com.callaback.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

/** Creates a business: the global tenant row, then (as that tenant) its owner membership and audit entry. */
@ApplicationScoped
public class BusinessSignup {

    @Inject
    TenantScope tenantScope;

    @Inject
    BusinessTerms terms;

    /** A person signing up: they become the owner and the new business becomes their active one. */
    public Tenant createOwnedBy(UUID userId, BusinessForm form) {
        Tenant tenant;
        try {
            // Inserted as itself: row-level security lets a transaction write only the business it acts for.
            UUID id = UUID.randomUUID();
            tenant = tenantScope.call(id, () -> insertTenant(id, form, null, t -> terms.startTrial(t, userId)));
        } catch (RuntimeException e) {
            throw terms.whenTrialTaken(e, userId);
        }
        try {
            tenantScope.run(tenant.id, () -> {
                Membership owner = new Membership();
                owner.userId = userId;
                owner.role = Role.OWNER.dbValue();
                owner.persist();
                AuditEntry.record(userId, "business.created", "tenant", tenant.id);
                // The person's own row: row-level security lets only their own request change it.
                User.update("activeTenantId = ?1 where id = ?2", tenant.id, userId);
            });
        } catch (RuntimeException e) {
            // Without its owner the business would be unreachable: undo it.
            tenantScope.run(tenant.id, () -> Tenant.deleteById(tenant.id));
            throw e;
        }
        return tenant;
    }

    /** An agency adding a client business: reached through the agency, it needs no membership of its own. */
    public Tenant createClientOf(UUID agencyId, UUID actingUserId, BusinessForm form) {
        // Inserted as the agency, which sees its own row and its clients' (to count them against its plan).
        Tenant tenant = tenantScope.call(agencyId, () -> insertTenant(UUID.randomUUID(), form, agencyId,
                t -> terms.admitClient(t, Tenant.findById(agencyId))));
        tenantScope.run(tenant.id, () -> AuditEntry.record(actingUserId, "client.created", "tenant", tenant.id));
        return tenant;
    }

    /** Inserts the tenant row after {@code billing} set its trial or client terms (or refused). */
    private Tenant insertTenant(UUID id, BusinessForm form, UUID agencyId, java.util.function.Consumer<Tenant> billing) {
        Tenant tenant = new Tenant();
        tenant.id = id;
        tenant.name = form.name();
        tenant.slug = uniqueSlug(form.name());
        tenant.kind = form.agency() && agencyId == null ? Tenant.Kind.agency.name() : Tenant.Kind.business.name();
        tenant.agencyId = agencyId;
        tenant.timezone = form.timezone();
        tenant.forwardingPhone = form.forwardingPhone();
        tenant.requestedAreaCode = form.areaCode();
        // A business gets its own subaccount and number in the background; an agency itself does not text.
        tenant.provisioningStatus = Tenant.Kind.agency.name().equals(tenant.kind) ? "none" : "pending";
        billing.accept(tenant);
        tenant.persist();
        return tenant;
    }

    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.isEmpty()) {
            slug = "business";
        }
        return slug.length() > 50 ? slug.substring(0, 50).replaceAll("-+$", "") : slug;
    }

    private static String uniqueSlug(String name) {
        String base = slugOf(name);
        String slug = base;
        for (int n = 2; Tenant.idBySlug(slug).isPresent(); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }
}
