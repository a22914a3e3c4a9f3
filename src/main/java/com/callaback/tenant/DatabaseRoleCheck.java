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
 * DB_MIGRATION_USER was not set); or when the schema owner or the definer functions' role is a superuser or
 * BYPASSRLS, or the application role is a member of the latter.
 */
@Singleton
public class DatabaseRoleCheck {

    @Inject
    EntityManager em;

    @ActivateRequestContext
    void check(@Observes StartupEvent event) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The database roles would let the application bypass row-level "
                    + "security: " + problems + ". Connect as a role that owns nothing (DB_USER), run migrations as "
                    + "the owner (DB_MIGRATION_USER), neither a superuser nor BYPASSRLS; see docs/operations.md.");
        }
    }

    /**
     * What is wrong with the roles, read from the catalog as the application role: itself, the owner of the schema's
     * tables, and the role that runs the SECURITY DEFINER functions (a superuser or BYPASSRLS owner would make every
     * policy and definer function moot).
     */
    @SuppressWarnings("unchecked")
    public List<String> problems() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select 'the application role is or is a member of superuser/BYPASSRLS role ' || r.rolname
                  from pg_roles r
                 where (r.rolsuper or r.rolbypassrls) and pg_has_role(current_user, r.oid, 'MEMBER')
                union all
                select 'the application role owns (or is a member of the owner of) table ' || c.relname
                  from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = 'public' and c.relkind = 'r' and pg_has_role(current_user, c.relowner, 'MEMBER')
                union all
                select distinct 'the schema owner ' || r.rolname || ' is a superuser or has BYPASSRLS'
                  from pg_class c join pg_roles r on r.oid = c.relowner
                 where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and (r.rolsuper or r.rolbypassrls)
                union all
                select distinct 'the definer functions' || chr(39) || ' owner ' || r.rolname
                       || case when r.rolsuper or r.rolbypassrls then ' is a superuser or has BYPASSRLS'
                               else ' is a role the application role is a member of' end
                  from pg_proc p join pg_roles r on r.oid = p.proowner
                 where p.pronamespace = 'public'::regnamespace and p.prosecdef
                   and (r.rolsuper or r.rolbypassrls or pg_has_role(current_user, r.oid, 'MEMBER'))
                """).getResultList());
    }
}
