package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionType;
import com.callaback.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** The database itself refuses rows that point into, or claim to belong to, another tenant. */
@QuarkusTest
class CompositeForeignKeyTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    @Test
    void anInteractionOfTenantBCannotReferenceTenantAsContact() {
        UUID a = fixtures.business("FK A");
        UUID b = fixtures.business("FK B");
        UUID contactOfA = fixtures.contact(a, Fixtures.randomPhone(), "Contact of A");

        assertThatThrownBy(() -> scope.run(b, () -> {
            Interaction interaction = new Interaction();
            interaction.contactId = contactOfA;
            interaction.type = InteractionType.CALL;
            interaction.direction = Direction.INBOUND;
            interaction.persist();
        })).satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));

        scope.run(b, () -> assertThat(Interaction.count()).isZero());
    }

    @Test
    void tenantBCannotWriteARowLabelledWithTenantA() {
        UUID a = fixtures.business("RLS check A");
        UUID b = fixtures.business("RLS check B");

        assertThatThrownBy(() -> scope.run(b, () -> em.createNativeQuery(
                "insert into contacts (tenant_id, id, phone) values (?1, ?2, '+13125550177')")
                .setParameter(1, a).setParameter(2, UUID.randomUUID()).executeUpdate()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));

        scope.run(a, () -> assertThat(em.createNativeQuery("select count(*) from contacts").getSingleResult())
                .isEqualTo(0L));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "no SQL state in " + e;
    }
}
