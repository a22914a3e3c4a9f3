package com.callaback.support;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.contacts.Contact;
import com.callaback.identity.Membership;
import com.callaback.identity.User;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Creates businesses, people and memberships for tests, through the same entities and tenant helper as the app. */
@ApplicationScoped
public class Fixtures {

    @Inject
    public TenantScope tenantScope;

    public UUID business(String name) {
        return tenant(name, "business", null);
    }

    public UUID agency(String name) {
        return tenant(name, "agency", null);
    }

    public UUID clientOf(UUID agencyId, String name) {
        return tenant(name, "business", agencyId);
    }

    private UUID tenant(String name, String kind, UUID agencyId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Tenant tenant = new Tenant();
            tenant.name = name;
            tenant.slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
            tenant.kind = kind;
            tenant.agencyId = agencyId;
            tenant.requestedAreaCode = "312";
            tenant.persist();
            return tenant.id;
        });
    }

    /** The users row a sign-in with this subject maps to (created if absent). */
    public UUID user(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> User.findBySubject(subject).map(u -> u.id).orElseGet(() -> {
            User user = new User();
            user.id = UUID.randomUUID();
            user.oidcSubject = subject;
            user.email = subject + "@example.com";
            user.persist();
            return user.id;
        }));
    }

    public void member(UUID tenantId, String subject, String role) {
        UUID userId = user(subject);
        tenantScope.run(tenantId, () -> {
            Membership membership = new Membership();
            membership.userId = userId;
            membership.role = role;
            membership.persist();
        });
    }

    public UUID contact(UUID tenantId, String phone, String name) {
        return tenantScope.call(tenantId, () -> {
            Contact contact = new Contact();
            contact.phone = phone;
            contact.name = name;
            contact.persist();
            return contact.id;
        });
    }

    public UUID activeTenantOf(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> User.findBySubject(subject).orElseThrow().activeTenantId);
    }

    /** A fresh, valid, unused US number (fictional 555-01xx range is exhausted quickly, so use random lines). */
    public static String randomPhone() {
        int line = 1000 + (int) (Math.random() * 8999);
        return "+1312555" + line;
    }
}
