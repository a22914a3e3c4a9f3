package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.identity.User;
import com.callaback.support.Fixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Row-level security on the global tables (V28), as the application role: business B, whatever its Java asks, cannot
 * read or change business A's row or A's people; an agency sees its own clients only, a client not its agency.
 */
@QuarkusTest
class TenantAndUserRowsTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope tenantScope;
    @Inject
    EntityManager em;

    @Test
    void businessBNeitherReadsNorChangesBusinessARow() {
        UUID a = fixtures.business("Rows A");
        UUID b = fixtures.business("Rows B");
        tenantScope.run(a, () -> Tenant.<Tenant>findById(a).forwardingPhone = "+13125550111");

        tenantScope.run(b, () -> {
            assertThat(Tenant.<Tenant>findById(a)).isNull();
            assertThat(Tenant.count("id", a)).isZero();
            assertThat(count("select count(*) from tenants where id = ?1", a)).isZero();
            assertThat(em.createNativeQuery("update tenants set forwarding_phone = '+13125550999' where id = ?1")
                    .setParameter(1, a).executeUpdate()).isZero();
            assertThat(Tenant.update("forwardingPhone = '+13125550999' where id = ?1", a)).isZero();
            assertThat(em.createNativeQuery("delete from tenants where id = ?1").setParameter(1, a).executeUpdate())
                    .isZero();
            // Its own row it reads and writes.
            assertThat(Tenant.<Tenant>findById(b)).isNotNull();
            assertThat(count("select count(*) from tenants", null)).isEqualTo(1);
        });
        assertThat(tenantScope.call(a, () -> Tenant.<Tenant>findById(a).forwardingPhone)).isEqualTo("+13125550111");
        // Without a tenant no business row is visible at all.
        assertThat(withoutAnyone(() -> Tenant.count())).isZero();
    }

    @Test
    void businessBCannotMakeItselfOrANewBusinessAClientOfAnotherAgency() {
        UUID agency = fixtures.agency("Rows Agency");
        UUID b = fixtures.business("Rows B2");
        assertThatThrownBy(() -> tenantScope.run(b, () -> em.createNativeQuery(
                "insert into tenants (id, name, slug, agency_id) values (?1, 'Sneaky', ?2, ?3)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, "sneaky-" + UUID.randomUUID().toString().substring(0, 8))
                .setParameter(3, agency).executeUpdate()))
                .hasStackTraceContaining("row-level security");
        assertThat(tenantScope.call(agency, () -> Tenant.count("agencyId", agency))).isZero();
    }

    @Test
    void anAgencySeesItsClientsAndAClientNeitherItsAgencyNorItsSiblings() {
        UUID agency = fixtures.agency("Rows Agency 2");
        UUID client = fixtures.clientOf(agency, "Rows Client");
        UUID sibling = fixtures.clientOf(agency, "Rows Sibling");
        UUID otherAgency = fixtures.agency("Rows Agency 3");
        UUID stranger = fixtures.clientOf(otherAgency, "Rows Stranger");

        assertThat(tenantScope.call(agency, () -> Tenant.findClientsOf(agency).stream().map(t -> t.id).toList()))
                .containsExactlyInAnyOrder(client, sibling);
        assertThat(tenantScope.call(agency, () -> Tenant.<Tenant>findById(stranger))).isNull();
        tenantScope.run(client, () -> {
            assertThat(Tenant.<Tenant>findById(agency)).isNull();
            assertThat(Tenant.<Tenant>findById(sibling)).isNull();
            // What a client may know of its agency comes through agency_of_current_business(): its name and payer.
            assertThat(Tenant.agencyOfCurrent()).hasValueSatisfying(a -> {
                assertThat(a.id()).isEqualTo(agency);
                assertThat(a.name()).isEqualTo("Rows Agency 2");
            });
        });
        // An agency cannot change a client's row from the agency: the client changes itself, as itself.
        assertThat(tenantScope.call(agency, () -> Tenant.update("name = 'Taken' where id = ?1", client))).isZero();
    }

    @Test
    void businessBNeitherReadsNorChangesThePeopleOfBusinessA() {
        UUID a = fixtures.business("People A");
        UUID b = fixtures.business("People B");
        fixtures.member(a, "rows-person-a", "owner");
        fixtures.member(b, "rows-person-b", "owner");
        UUID personA = fixtures.user("rows-person-a");
        UUID personB = fixtures.user("rows-person-b");

        tenantScope.run(b, () -> {
            assertThat(User.<User>findById(personA)).isNull();
            assertThat(User.findBySubject("rows-person-a")).isEmpty();
            assertThat(count("select count(*) from users where id = ?1", personA)).isZero();
            assertThat(em.createNativeQuery("update users set name = 'Mallory', active_tenant_id = ?2 where id = ?1")
                    .setParameter(1, personA).setParameter(2, b).executeUpdate()).isZero();
            // B's own team it sees (the team page), but it cannot change them either: only a person changes their row.
            assertThat(User.<User>findById(personB)).isNotNull();
            assertThat(em.createNativeQuery("update users set name = 'Renamed' where id = ?1")
                    .setParameter(1, personB).executeUpdate()).isZero();
        });
        assertThat(fixtures.<String>asUser("rows-person-a", user -> user.name)).isNull();
        assertThat(fixtures.activeTenantOf("rows-person-a")).isNotEqualTo(b);
        // Without a tenant or a person, no one's row is visible.
        assertThat(withoutAnyone(() -> User.count())).isZero();
    }

    @Test
    void aPersonReadsAndChangesOnlyTheirOwnRow() {
        fixtures.user("rows-self");
        UUID other = fixtures.user("rows-other");
        fixtures.asUser("rows-self", user -> {
            user.name = "Self";
            assertThat(User.<User>findById(other)).isNull();
            assertThat(User.update("name = 'Changed' where id = ?1", other)).isZero();
            return null;
        });
        assertThat(fixtures.<String>asUser("rows-self", user -> user.name)).isEqualTo("Self");
        assertThat(fixtures.<String>asUser("rows-other", user -> user.name)).isNull();
    }

    /**
     * In a fresh request on a thread of its own: neither a tenant nor a person (the test's thread may carry some), and
     * a pooled connection carries none from an earlier checkout (PooledConnectionSettingsTest).
     */
    private static long withoutAnyone(java.util.function.LongSupplier count) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            io.quarkus.arc.ManagedContext request = io.quarkus.arc.Arc.container().requestContext();
            request.activate();
            try {
                return QuarkusTransaction.requiringNew().call(count::getAsLong);
            } finally {
                request.terminate();
            }
        }).join();
    }

    private long count(String sql, UUID id) {
        var query = em.createNativeQuery(sql);
        if (id != null) {
            query.setParameter(1, id);
        }
        return ((Number) query.getSingleResult()).longValue();
    }
}
