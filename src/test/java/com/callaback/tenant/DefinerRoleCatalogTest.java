package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reads PostgreSQL's catalog (V27, V28): no policy applies to PUBLIC; the policies that apply to the application role
 * (or any role it belongs to) are bound to the current tenant or person; every other policy applies only to the NOLOGIN
 * role that owns every SECURITY DEFINER function, which has a fixed search_path, and that role reads columns, never
 * whole tables, and no secret but the one the webhook routing returns on purpose.
 */
@QuarkusTest
class DefinerRoleCatalogTest {

    private static final String DEFINER = "callaback_definer";
    /** The application role's policies: each admits only rows of the current tenant or person. */
    private static final Set<String> APP_POLICIES = Set.of("tenant_isolation", "tenant_self", "agency_clients",
            "agency_adds_client", "user_self", "user_self_update", "team_members");

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    private <T> List<T> query(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql).getResultList());
    }

    @Test
    void noPolicyAppliesToPublic() {
        List<String> open = query("""
                select p.polrelid::regclass::text || '.' || p.polname from pg_policy p where 0 = any (p.polroles)""");
        assertThat(open).isEmpty();
    }

    @Test
    void policiesOfTheApplicationRoleAreBoundToTheCurrentTenantOrPerson() {
        List<Object[]> mine = query("""
                select p.polrelid::regclass::text, p.polname,
                       coalesce(pg_get_expr(p.polqual, p.polrelid), ''), coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
                  from pg_policy p
                 where exists (select 1 from unnest(p.polroles) r where r <> 0 and pg_has_role(current_user, r, 'MEMBER'))""");
        assertThat(mine).isNotEmpty();
        for (Object[] policy : mine) {
            assertThat(APP_POLICIES).as("policy %s on %s applies to the application role", policy[1], policy[0])
                    .contains((String) policy[1]);
            String bound = policy[2] + " " + policy[3];
            assertThat(bound).as("policy %s on %s", policy[1], policy[0])
                    .containsAnyOf("current_tenant_id()", "current_user_id()");
            assertThat(bound).as("policy %s on %s", policy[1], policy[0]).doesNotContain("true");
        }
        List<String> tenantIsolation = query("""
                select distinct pg_get_expr(p.polqual, p.polrelid) || ' / ' || pg_get_expr(p.polwithcheck, p.polrelid)
                  from pg_policy p where p.polname = 'tenant_isolation'""");
        assertThat(tenantIsolation).containsExactly("(tenant_id = current_tenant_id()) / (tenant_id = current_tenant_id())");
    }

    @Test
    void everyOtherPolicyAppliesOnlyToTheDefinerRole() {
        List<String> others = query("""
                select p.polrelid::regclass::text || '.' || p.polname || ' -> '
                       || array_to_string(array(select case when r = 0 then 'PUBLIC' else pg_get_userbyid(r) end
                                                  from unnest(p.polroles) r), ',')
                  from pg_policy p
                 where not exists (select 1 from unnest(p.polroles) r where r <> 0 and pg_has_role(current_user, r, 'MEMBER'))""");
        assertThat(others).isNotEmpty().allSatisfy(policy -> assertThat(policy).endsWith(" -> " + DEFINER));
    }

    @Test
    void everyDefinerFunctionIsOwnedByTheDefinerRoleWithAFixedSearchPathAndNotExecutableByPublic() {
        List<Object[]> functions = query("""
                select p.oid::regprocedure::text, pg_get_userbyid(p.proowner),
                       exists (select 1 from unnest(p.proconfig) c where c like 'search_path=%'),
                       exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0)
                  from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef""");
        assertThat(functions).extracting(f -> (String) f[0]).contains("claim_due_follow_ups(text,integer,integer)",
                "route_twilio_number(text)", "sign_in_user(text,text,text)", "businesses_of_user(uuid)",
                "route_stripe_customer(text)", "agency_of_current_business()");
        for (Object[] f : functions) {
            assertThat(f[1]).as("owner of %s", f[0]).isEqualTo(DEFINER);
            assertThat(f[2]).as("fixed search_path of %s", f[0]).isEqualTo(true);
            assertThat(f[3]).as("PUBLIC may execute %s", f[0]).isEqualTo(false);
        }
    }

    @Test
    void theDefinerRoleCannotLogInAndTheApplicationRoleIsNotAMemberOfIt() {
        List<Object[]> role = query("select rolcanlogin, rolsuper, rolbypassrls, pg_has_role(current_user, oid, 'MEMBER') "
                + "from pg_roles where rolname = '" + DEFINER + "'");
        assertThat(role).hasSize(1);
        assertThat(role.get(0)).containsExactly(false, false, false, false);
    }

    @Test
    void theDefinerRoleReadsColumnsNotTablesAndNoSecretButTheWebhookRoutingToken() {
        List<String> wholeTables = query("""
                select c.relname || ':' || priv from pg_class c
                 cross join unnest(array['SELECT', 'INSERT', 'UPDATE']) priv
                 where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
                   and has_table_privilege('callaback_definer', c.oid, priv)""");
        assertThat(wholeTables).isEmpty();
        List<String> secrets = query("""
                select c.relname || '.' || a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
                 where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
                   and (a.attname like '%token%' or a.attname like '%secret%' or a.attname like '%encrypted%'
                        or a.attname like '%password%')
                   and has_column_privilege('callaback_definer', c.oid, a.attnum, 'SELECT')""");
        // route_twilio_number() and route_twilio_subaccount() return the encrypted subaccount token: checking the
        // webhook's signature is what they route for. An invitation's token_hash is a SHA-256 its link is routed by.
        assertThat(secrets).containsExactlyInAnyOrder("twilio_accounts.auth_token_encrypted", "invitations.token_hash");
    }

    @Test
    void definerFunctionsRefuseArgumentsOutOfBounds() {
        for (String call : List.of("select * from claim_due_follow_ups('w', 0, 60)",
                "select * from claim_due_follow_ups('w', 100000, 60)", "select * from claim_due_follow_ups('w', 10, 5)",
                "select * from claim_due_follow_ups('w', 10, 86400)", "select * from claim_due_follow_ups('', 10, 60)",
                "select * from claim_due_alerts('w', 10, 0)", "select * from claim_due_provisioning('w', -1, 60)",
                "select * from claim_due_webhook_deliveries('w', 10, 999999)", "select * from claim_usage_reports(null, 10, 60)",
                "select * from message_details_due(5000, 60)", "select * from message_details_due(10, -1)",
                "select reported_usage('cus_1', now(), now() - interval '1 day')", "select tenant_id_by_slug('')",
                "select * from sign_in_user(repeat('s', 300), null, null)", "select user_id_of_subject(null)")) {
            assertThatThrownBy(() -> query(call)).as(call).hasStackTraceContaining("must be");
        }
    }
}
