package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Reads PostgreSQL's catalog: every tenant table is protected by forced RLS, and the app role cannot escape it. */
@QuarkusTest
class RowLevelSecurityCatalogTest {

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    private <T> List<T> query(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql).getResultList());
    }

    @Test
    void everyTableWithTenantIdHasForcedRowLevelSecurityAndAPolicy() {
        List<Object[]> tables = query("""
                select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                       (select count(*) from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation')
                from pg_class c
                join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
                join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
                where c.relkind in ('r', 'p')
                order by c.relname""");
        assertThat(tables).extracting(r -> r[0]).contains("contacts", "interactions", "follow_ups", "leads",
                "notifications", "sms_metrics", "chat_messages", "memberships", "invitations", "api_keys",
                "twilio_accounts", "phone_numbers", "stripe_events", "usage_reports", "audit_log");
        for (Object[] t : tables) {
            assertThat(t[1]).as("RLS enabled on %s", t[0]).isEqualTo(true);
            assertThat(t[2]).as("RLS forced on %s", t[0]).isEqualTo(true);
            assertThat(((Number) t[3]).intValue()).as("tenant_isolation policy on %s", t[0]).isEqualTo(1);
        }
    }

    @Test
    void everyTableThatIsNotTenantScopedIsKnownToBeGlobal() {
        List<String> global = query("""
                select c.relname from pg_class c
                join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
                where c.relkind = 'r' and not exists (select 1 from pg_attribute a
                    where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
                order by 1""");
        // live_announcer holds one number (how far live events were announced), for the owner's function only.
        assertThat(global).containsExactlyInAnyOrder("tenants", "users", "plans", "flyway_schema_history",
                "live_announcer");
        assertThat(query("select has_table_privilege(current_user, 'live_announcer', 'select')")).containsExactly(false);
    }

    @Test
    void applicationRoleIsNeitherSuperuserNorBypassesRlsNorOwnsAnyTable() {
        List<Object[]> role = query("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
        assertThat(role).hasSize(1);
        assertThat(role.get(0)[0]).isEqualTo(false);
        assertThat(role.get(0)[1]).isEqualTo(false);
        List<String> owned = query("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and pg_get_userbyid(c.relowner) = current_user""");
        assertThat(owned).isEmpty();
    }
}
