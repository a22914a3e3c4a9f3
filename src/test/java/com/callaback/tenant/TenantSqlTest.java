package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Plain SQL on the hot paths is held to the same tenant as Hibernate: row-level security of the transaction, also
 * when several businesses share one.
 */
@QuarkusTest
class TenantSqlTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    TenantSql sql;

    @Test
    void aBusinessCanNeitherReadNorChangeNorWriteAnotherBusinessRows() {
        UUID a = fixtures.business("Sql Tenant A");
        UUID b = fixtures.business("Sql Tenant B");
        String phone = Fixtures.randomPhone();
        UUID contactOfA = scope.call(a, () -> {
            sql.update("insert into contacts (tenant_id, id, phone, source) values (current_tenant_id(), ?, ?, 'sms')",
                    UUID.randomUUID(), phone);
            return (UUID) sql.rows("select id from contacts where phone = ?", phone).get(0)[0];
        });

        scope.run(b, () -> {
            assertThat(sql.rows("select id from contacts where id = ?", contactOfA)).isEmpty();
            assertThat(sql.update("update contacts set name = 'Taken' where id = ?", contactOfA)).isZero();
            assertThat(sql.update("delete from contacts where id = ?", contactOfA)).isZero();
        });
        assertThatThrownBy(() -> scope.run(b, () -> sql.update("insert into contacts (tenant_id, id, phone, source) "
                + "values (?, ?, ?, 'sms')", a, UUID.randomUUID(), Fixtures.randomPhone())))
                .hasStackTraceContaining("row-level security");

        scope.run(a, () -> assertThat(Contact.<Contact>findById(contactOfA).name).isNull());
    }

    @Test
    void inATransactionSharedByBusinessesEachBusinessSeesAndWritesOnlyItsOwnRows() {
        UUID a = fixtures.business("Shared Tx Tenant A");
        UUID b = fixtures.business("Shared Tx Tenant B");
        String phoneOfA = Fixtures.randomPhone();
        String phoneOfB = Fixtures.randomPhone();

        Map<UUID, List<String>> seen = scope.callEach(List.of(a, b), tenant -> {
            sql.update("insert into contacts (tenant_id, id, phone, source) values (current_tenant_id(), ?, ?, 'sms')",
                    UUID.randomUUID(), tenant.equals(a) ? phoneOfA : phoneOfB);
            return sql.rows("select phone from contacts where phone in (?, ?)", phoneOfA, phoneOfB).stream()
                    .map(row -> (String) row[0]).toList();
        });

        assertThat(seen).containsOnlyKeys(a, b);
        assertThat(seen.get(a)).containsExactly(phoneOfA);
        assertThat(seen.get(b)).containsExactly(phoneOfB);
        scope.run(a, () -> assertThat(Contact.count("phone in ?1", List.of(phoneOfA, phoneOfB))).isEqualTo(1));
        scope.run(b, () -> assertThat(Contact.count("phone in ?1", List.of(phoneOfA, phoneOfB))).isEqualTo(1));
        // Writing another business's row from within its turn is refused as in a transaction of its own.
        assertThatThrownBy(() -> scope.callEach(List.of(a, b), tenant -> sql.update("insert into contacts "
                + "(tenant_id, id, phone, source) values (?, ?, ?, 'sms')", a, UUID.randomUUID(),
                Fixtures.randomPhone()))).hasStackTraceContaining("row-level security");
    }

    @Test
    void aSharedTransactionOpensNoHibernateSessionAndRollsBackWhole() {
        UUID a = fixtures.business("Shared Tx Rollback A");
        UUID b = fixtures.business("Shared Tx Rollback B");
        String phone = Fixtures.randomPhone();

        // A session would keep A's tenant for B's work: it cannot be opened.
        assertThatThrownBy(() -> scope.callEach(List.of(a, b), tenant -> Contact.count()))
                .hasStackTraceContaining("No Hibernate session in a transaction shared by several businesses");
        // B's failure undoes A's insert too: the runner then works on each business alone.
        assertThatThrownBy(() -> scope.callEach(List.of(a, b), tenant -> {
            if (tenant.equals(b)) {
                throw new IllegalStateException("B fails");
            }
            return sql.update("insert into contacts (tenant_id, id, phone, source) "
                    + "values (current_tenant_id(), ?, ?, 'sms')", UUID.randomUUID(), phone);
        })).hasMessage("B fails");
        scope.run(a, () -> assertThat(Contact.count("phone", phone)).isZero());
        // Afterwards this thread works as a single tenant again, with Hibernate.
        scope.run(a, () -> assertThat(Contact.count("phone", phone)).isZero());
    }

    @Test
    void itRefusesToRunOutsideATransaction() {
        assertThatThrownBy(() -> sql.rows("select 1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a transaction");
    }
}
