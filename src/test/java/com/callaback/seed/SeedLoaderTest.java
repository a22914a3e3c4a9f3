package com.callaback.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Lead;
import com.callaback.followups.FollowUp;
import com.callaback.identity.Membership;
import com.callaback.identity.User;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.followups.SkipReason;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Loading tenants-seed/ twice leaves exactly the same rows as loading it once. */
@QuarkusTest
class SeedLoaderTest {

    private static final List<String> TENANT_TABLES = List.of("memberships", "phone_numbers", "contacts",
            "interactions", "leads", "follow_ups");

    @Inject
    SeedLoader loader;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    /** The demo's pending text must not become due in the middle of another test class's counts. */
    @org.junit.jupiter.api.AfterEach
    void cancelTheDemoTexts() {
        for (String slug : List.of("bright-smile-dental", "lakeside-plumbing", "corner-bakery")) {
            QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(slug)).ifPresent(tenant -> scope.run(
                    tenant.id, () -> FollowUp.update("status = ?1, skipReason = ?2 where status = ?3",
                            FollowUpStatus.CANCELLED, SkipReason.CANCELLED_BY_TEAM, FollowUpStatus.PENDING)));
        }
    }

    @Test
    void loadingTheSeedFolderTwiceChangesNothing() {
        List<String> slugs = loader.loadFolder(Path.of("tenants-seed"));
        assertThat(slugs).containsExactly("bright-smile-dental", "northwind-marketing", "lakeside-plumbing",
                "corner-bakery");
        Map<String, String> first = snapshot(slugs);

        loader.loadFolder(Path.of("tenants-seed"));
        Map<String, String> second = snapshot(slugs);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void theSeedDescribesAPlainBusinessAndAnAgencyWithTwoClients() {
        loader.loadFolder(Path.of("tenants-seed"));
        Tenant dental = QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug("bright-smile-dental").orElseThrow());
        Tenant agency = QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug("northwind-marketing").orElseThrow());
        List<Tenant> clients = QuarkusTransaction.requiringNew().call(() -> Tenant.findClientsOf(agency.id));
        assertThat(agency.isAgency()).isTrue();
        assertThat(clients).extracting(t -> t.slug).containsExactly("corner-bakery", "lakeside-plumbing");

        User alice = QuarkusTransaction.requiringNew().call(() -> User.findBySubject("alice").orElseThrow());
        scope.run(dental.id, () -> {
            assertThat(Contact.count()).isEqualTo(3);
            assertThat(Lead.count()).isEqualTo(2);
            assertThat(FollowUp.count("type", FollowUpType.AUTO_SMS)).isOne();
            assertThat(PhoneNumber.listActive()).extracting(p -> p.e164).containsExactly("+13125550199");
            assertThat(Membership.findByUser(alice.id).orElseThrow().role).isEqualTo("owner");
        });
    }

    private Map<String, String> snapshot(List<String> slugs) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("tenants", QuarkusTransaction.requiringNew().call(() -> json(
                "select json_agg(t order by t.slug)::text from tenants t where slug in ?1", slugs)));
        rows.put("users", QuarkusTransaction.requiringNew().call(() -> json(
                "select json_agg(u order by u.oidc_subject)::text from users u where oidc_subject in ('alice', 'bob')",
                null)));
        for (String slug : slugs) {
            Tenant tenant = QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(slug).orElseThrow());
            for (String table : TENANT_TABLES) {
                rows.put(slug + "/" + table, scope.call(tenant.id, () -> json(
                        "select json_agg(r order by r.id)::text from " + table + " r", null)));
            }
        }
        return rows;
    }

    private String json(String sql, Object parameter) {
        var query = em.createNativeQuery(sql);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        Object result = query.getSingleResult();
        return result == null ? "[]" : result.toString();
    }
}
