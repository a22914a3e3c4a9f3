package com.callaback.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.callaback.tenant.TenantScope;

/**
 * A business with a long history, written in bulk as the application role inside the tenant (so row-level
 * security checks every row): 20,000 contacts, 100,000 interactions, and their leads, texts, follow-ups,
 * notifications and audit lines. Statistics are then gathered as the schema owner, as autovacuum would.
 */
@ApplicationScoped
public class BigBusiness {

    public static final int CONTACTS = 20_000;
    public static final int INTERACTIONS = 100_000;
    private static final List<String> TABLES = List.of("contacts", "interactions", "chat_messages", "leads",
            "follow_ups", "sms_metrics", "notifications", "audit_log");

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    public UUID create(String name) {
        UUID tenantId = fixtures.business(name);
        // One transaction per statement: each stays well inside the transaction timeout on a slow machine.
        sql(tenantId, "insert into contacts (tenant_id, id, phone, name, source, created_at) "
                + "select current_tenant_id(), " + contactId("g") + ", '+1773' || lpad(g::text, 7, '0'), "
                + "'Customer ' || g, 'seed', now() - make_interval(mins => g) from generate_series(1, " + CONTACTS
                + ") g");
        // Each interaction's foreign key looks its contact up: with statistics from a near-empty table (earlier
        // tests) that lookup could be planned as a scan. Autovacuum would analyze after such a load.
        ownerSql("analyze contacts");
        sql(tenantId, "insert into interactions (tenant_id, id, contact_id, type, direction, status, body, occurred_at) "
                + "select current_tenant_id(), gen_random_uuid(), " + contactId("1 + g % " + CONTACTS) + ", "
                + "case when g % 3 = 0 then 'call' else 'sms' end, "
                + "case when g % 2 = 0 then 'inbound' else 'outbound' end, "
                + "case when g % 3 = 0 then 'missed' when g % 2 = 0 then 'received' else 'delivered' end, "
                + "'Message ' || g, now() - make_interval(mins => g) "
                + "from generate_series(1, " + INTERACTIONS + ") g");
        sql(tenantId, "insert into chat_messages (tenant_id, id, contact_id, direction, body, created_at) "
                + "select current_tenant_id(), gen_random_uuid(), contact_id, direction, body, occurred_at "
                + "from interactions where type = 'sms'");
        sql(tenantId, "insert into leads (tenant_id, id, contact_id, status, category, created_at) "
                + "select current_tenant_id(), gen_random_uuid(), id, "
                + "(array['new', 'contacted', 'qualified', 'won', 'lost'])[1 + abs(hashtext(id::text)) % 5], "
                + "(array['LEAD', 'APPT', 'CALLBACK'])[1 + abs(hashtext(phone)) % 3], created_at from contacts");
        sql(tenantId, "insert into follow_ups (tenant_id, id, contact_id, type, status, body, scheduled_at) "
                + "select current_tenant_id(), gen_random_uuid(), id, 'auto_sms', "
                + "(array['sent', 'failed', 'cancelled', 'skipped', 'held'])[1 + abs(hashtext(phone)) % 5], "
                + "'Sorry we missed you', created_at from contacts");
        sql(tenantId, "insert into sms_metrics (tenant_id, id, contact_id, message_sid, status, is_delivered, created_at) "
                + "select current_tenant_id(), gen_random_uuid(), contact_id, 'SM' || md5(id::text), 'delivered', "
                + "true, occurred_at from interactions where type = 'sms' and direction = 'outbound'");
        sql(tenantId, "insert into notifications (tenant_id, id, type, title, link, created_at) "
                + "select current_tenant_id(), gen_random_uuid(), 'missed_call', 'Missed call ' || g, '/leads', "
                + "now() - make_interval(mins => g) from generate_series(1, " + CONTACTS + ") g");
        sql(tenantId, "insert into audit_log (tenant_id, id, action, target_type, target_id, created_at) "
                + "select current_tenant_id(), gen_random_uuid(), 'contact.updated', 'contact', g::text, "
                + "now() - make_interval(mins => g) from generate_series(1, " + CONTACTS + ") g");
        analyze();
        return tenantId;
    }

    /**
     * The id of the n-th contact, computed rather than joined: a join of the generated rows to the new contacts
     * would be planned from statistics that have not seen them yet.
     */
    private static String contactId(String n) {
        return "md5(current_tenant_id()::text || ':' || (" + n + "))::uuid";
    }

    private void sql(UUID tenantId, String statement) {
        long started = System.nanoTime();
        scope.run(tenantId, () -> em.createNativeQuery(statement).executeUpdate());
        LOG.infof("%d ms: %s", (System.nanoTime() - started) / 1_000_000, statement.substring(0, 40));
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BigBusiness.class);

    /**
     * Table statistics, as autovacuum would gather them on a live system; only the owner may. One big business
     * dominates these tables, which a live database with thousands of businesses never looks like: the planner is
     * told how many distinct tenants to expect, so it weighs {@code tenant_id = ?} as it would in production.
     */
    private void analyze() {
        for (String table : TABLES) {
            ownerSql("alter table " + table + " alter column tenant_id set (n_distinct = 5000)");
        }
        ownerSql("analyze");
    }

    private void ownerSql(String sql) {
        try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run as the schema owner: " + sql, e);
        }
    }
}
