package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Plain SQL on the hot paths is held to the same tenant as Hibernate: row-level security of the transaction. */
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
    void itRefusesToRunOutsideATransaction() {
        assertThatThrownBy(() -> sql.rows("select 1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a transaction");
    }
}
