package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Ready to be distributed by {@code tenant_id} (Citus, docs/scaling.md), read from the live catalog: a distributed
 * table can only enforce a key that contains the distribution column, and a foreign key between two distributed
 * tables must include it on both sides. Every primary key, unique index and foreign key of a tenant table does.
 */
@QuarkusTest
class DistributionReadinessTest {

    /**
     * Unique across all businesses on purpose: each is how a request that names no business finds one. On Citus
     * (docs/scaling.md) each becomes a small routing table keyed by that value, distributed by it, holding the
     * business's id.
     */
    private static final Map<String, String> GLOBAL_KEYS = Map.of(
            "phone_numbers_active_e164_idx", "a webhook finds its business by the number dialled",
            "twilio_accounts_sid_idx", "a callback without a number finds its business by the subaccount",
            "api_keys_hash_idx", "a bearer key finds its business",
            "invitations_token_idx", "an invitation link finds its business");

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql).getResultList());
    }

    @Test
    void everyPrimaryKeyAndUniqueIndexOfATenantTableIncludesTenantId() {
        List<Object[]> keys = rows("""
                select c.relname, i.relname, x.indisprimary,
                       exists (select 1 from unnest(x.indkey) k join pg_attribute a
                                on a.attrelid = c.oid and a.attnum = k where a.attname = 'tenant_id')
                  from pg_index x
                  join pg_class c on c.oid = x.indrelid
                  join pg_class i on i.oid = x.indexrelid
                  join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
                 where x.indisunique
                   and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                                  and not a.attisdropped)
                 order by 1, 2""");
        assertThat(keys).as("the catalog query finds the keys").hasSizeGreaterThan(20);
        List<Object> withoutTenant = keys.stream().filter(key -> !Boolean.TRUE.equals(key[3])).map(key -> key[1])
                .toList();
        assertThat(withoutTenant).as("keys of tenant tables without tenant_id: only the global ones named here")
                .containsExactlyInAnyOrderElementsOf(GLOBAL_KEYS.keySet());
    }

    @Test
    void everyForeignKeyBetweenTenantTablesCarriesTenantIdOnBothSides() {
        List<Object[]> foreignKeys = rows("""
                select c.conname, src.relname, dst.relname,
                       exists (select 1 from unnest(c.conkey) with ordinality s(attnum, pos)
                                 join unnest(c.confkey) with ordinality d(attnum, pos) using (pos)
                                 join pg_attribute sa on sa.attrelid = c.conrelid and sa.attnum = s.attnum
                                 join pg_attribute da on da.attrelid = c.confrelid and da.attnum = d.attnum
                                where sa.attname = 'tenant_id' and da.attname = 'tenant_id')
                  from pg_constraint c
                  join pg_class src on src.oid = c.conrelid
                  join pg_class dst on dst.oid = c.confrelid
                  join pg_namespace n on n.oid = src.relnamespace and n.nspname = 'public'
                 where c.contype = 'f'
                   and exists (select 1 from pg_attribute a where a.attrelid = c.conrelid and a.attname = 'tenant_id')
                   and exists (select 1 from pg_attribute a where a.attrelid = c.confrelid and a.attname = 'tenant_id')
                 order by 1""");
        assertThat(foreignKeys).as("the catalog query finds the foreign keys").hasSizeGreaterThan(10);
        for (Object[] fk : foreignKeys) {
            assertThat(fk[3]).as("%s (%s -> %s) pairs tenant_id with tenant_id", fk[0], fk[1], fk[2]).isEqualTo(true);
        }
    }
}
