package com.callaback.tenant;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.enterprise.context.control.ActivateRequestContext;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start when the application's database role could escape row-level security: a superuser, a role
 * with BYPASSRLS, or one that owns tables (for example when migrations ran as the application role because
 * DB_MIGRATION_USER was not set).
 */
@Singleton
public class DatabaseRoleCheck {

    @Inject
    EntityManager em;

    @ActivateRequestContext
    void check(@Observes StartupEvent event) {
        List<?> problems = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select 'is or is a member of superuser/BYPASSRLS role ' || r.rolname from pg_roles r
                 where (r.rolsuper or r.rolbypassrls) and pg_has_role(current_user, r.oid, 'MEMBER')
                union all
                select 'owns (or is a member of the owner of) table ' || c.relname
                  from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = 'public' and c.relkind = 'r' and pg_has_role(current_user, c.relowner, 'MEMBER')
                """).getResultList());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The application's database role (DB_USER) would bypass row-level "
                    + "security: it " + problems + ". Connect as a role that owns nothing, and run migrations as "
                    + "the owner (DB_MIGRATION_USER); see docs/operations.md.");
        }
    }
}
