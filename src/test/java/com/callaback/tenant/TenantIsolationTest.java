package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.callaback.billing.StripeEvent;
import com.callaback.billing.UsageReport;
import com.callaback.contacts.Contact;
import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionType;
import com.callaback.contacts.Lead;
import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.identity.ApiKey;
import com.callaback.identity.AuditEntry;
import com.callaback.identity.Invitation;
import com.callaback.identity.Membership;
import com.callaback.identity.Tokens;
import com.callaback.messaging.ChatMessage;
import com.callaback.messaging.SmsMetric;
import com.callaback.support.Fixtures;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccount;
import com.callaback.followups.FollowUpType;

import io.quarkus.test.junit.QuarkusTest;

/**
 * For every tenant entity: tenant B can neither see, find, update nor delete tenant A's row, through Hibernate
 * (both layers), through native SQL (row-level security alone), nor through Hibernate on a connection that claims
 * tenant A (the Hibernate filter alone). Tenant A's row is unchanged afterwards.
 */
@QuarkusTest
class TenantIsolationTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    /** One tenant table: how to make a row (given a contact of the same tenant) and one column to tamper with. */
    record Case(String table, Class<? extends TenantScoped> type, String column, String field, Object tamperedValue,
            BiFunction<UUID, UUID, TenantScoped> factory) {
        @Override
        public String toString() {
            return table;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("contacts", Contact.class, "name", "name", "tampered", (contactId, userId) -> {
                    Contact c = new Contact();
                    c.phone = Fixtures.randomPhone();
                    c.name = "original";
                    return c;
                }),
                new Case("interactions", Interaction.class, "body", "body", "tampered", (contactId, userId) -> {
                    Interaction i = new Interaction();
                    i.contactId = contactId;
                    i.type = InteractionType.SMS;
                    i.direction = Direction.INBOUND;
                    i.body = "original";
                    return i;
                }),
                new Case("leads", Lead.class, "notes", "notes", "tampered", (contactId, userId) -> {
                    Lead l = new Lead();
                    l.contactId = contactId;
                    l.notes = "original";
                    return l;
                }),
                new Case("follow_ups", FollowUp.class, "body", "body", "tampered", (contactId, userId) -> {
                    FollowUp f = new FollowUp();
                    f.contactId = contactId;
                    f.type = FollowUpType.AUTO_SMS;
                    f.body = "original";
                    f.scheduledAt = Instant.now();
                    return f;
                }),
                new Case("notifications", Notification.class, "title", "title", "tampered", (contactId, userId) -> {
                    Notification n = new Notification();
                    n.type = "missed_call";
                    n.title = "original";
                    return n;
                }),
                new Case("sms_metrics", SmsMetric.class, "error_code", "errorCode", "tampered", (contactId, userId) -> {
                    SmsMetric m = new SmsMetric();
                    m.contactId = contactId;
                    m.messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
                    m.errorCode = "original";
                    m.price = new BigDecimal("0.00790");
                    return m;
                }),
                new Case("chat_messages", ChatMessage.class, "body", "body", "tampered", (contactId, userId) -> {
                    ChatMessage m = new ChatMessage();
                    m.contactId = contactId;
                    m.direction = Direction.INBOUND;
                    m.body = "original";
                    return m;
                }),
                new Case("memberships", Membership.class, "role", "role", "owner", (contactId, userId) -> {
                    Membership m = new Membership();
                    m.userId = userId;
                    m.role = "member";
                    return m;
                }),
                new Case("invitations", Invitation.class, "email", "email", "tampered@example.com", (contactId, userId) -> {
                    Invitation i = new Invitation();
                    i.email = "original@example.com";
                    i.role = "member";
                    i.tokenHash = Tokens.sha256(Tokens.newToken());
                    i.expiresAt = Instant.now().plusSeconds(3600);
                    return i;
                }),
                new Case("api_keys", ApiKey.class, "name", "name", "tampered", (contactId, userId) -> {
                    ApiKey k = new ApiKey();
                    k.name = "original";
                    k.keyPrefix = "cb_test";
                    k.keyHash = Tokens.sha256(Tokens.newToken());
                    return k;
                }),
                new Case("notification_inboxes", com.callaback.dashboard.NotificationInbox.class, "text_alerts",
                        "textAlerts", Boolean.TRUE, (contactId, userId) -> {
                            var inbox = new com.callaback.dashboard.NotificationInbox();
                            inbox.userId = userId;
                            return inbox;
                        }),
                new Case("alert_deliveries", com.callaback.dashboard.alert.AlertDelivery.class, "destination",
                        "destination", "tampered@example.com", (contactId, userId) -> {
                            var delivery = new com.callaback.dashboard.alert.AlertDelivery();
                            delivery.userId = userId;
                            delivery.channel = com.callaback.dashboard.alert.AlertChannel.EMAIL;
                            delivery.destination = "original@example.com";
                            delivery.notificationIds = new UUID[0];
                            return delivery;
                        }),
                new Case("audit_log", AuditEntry.class, "action", "action", "tampered", (contactId, userId) -> {
                    AuditEntry a = new AuditEntry();
                    a.action = "original";
                    return a;
                }),
                new Case("twilio_accounts", TwilioAccount.class, "friendly_name", "friendlyName", "tampered",
                        (contactId, userId) -> {
                            TwilioAccount t = new TwilioAccount();
                            t.subaccountSid = "AC" + UUID.randomUUID().toString().replace("-", "");
                            t.friendlyName = "original";
                            return t;
                        }),
                new Case("phone_numbers", PhoneNumber.class, "twilio_sid", "twilioSid", "tampered", (contactId, userId) -> {
                    PhoneNumber p = new PhoneNumber();
                    p.e164 = Fixtures.randomPhone().replace("+1312", "+1415");
                    p.twilioSid = "original";
                    return p;
                }),
                new Case("stripe_events", StripeEvent.class, "type", "type", "tampered", (contactId, userId) -> {
                    StripeEvent e = new StripeEvent();
                    e.eventId = "evt_" + UUID.randomUUID();
                    e.type = "original";
                    return e;
                }),
                new Case("simulator_messages", com.callaback.simulator.SimulatorMessage.class, "body", "body", "tampered",
                        (contactId, userId) -> {
                            var m = new com.callaback.simulator.SimulatorMessage();
                            m.messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
                            m.direction = "to_caller";
                            m.callerPhone = "+13125550100";
                            m.businessPhone = "+13125550101";
                            m.body = "original";
                            m.status = "queued";
                            return m;
                        }),
                new Case("simulator_phones", com.callaback.simulator.SimulatorPhone.class, "failure_mode", "failureMode",
                        "21610", (contactId, userId) -> {
                            var p = new com.callaback.simulator.SimulatorPhone();
                            p.callerPhone = Fixtures.randomPhone();
                            p.failureMode = "30003";
                            return p;
                        }),
                new Case("usage_reports", UsageReport.class, "last_error", "lastError", "tampered", (contactId, userId) -> {
                    UsageReport u = new UsageReport();
                    u.messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
                    u.segments = 1;
                    u.lastError = "original";
                    return u;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tenantBCannotSeeFindUpdateOrDeleteTenantARows(Case c) {
        UUID a = fixtures.business("Isolation A " + c.table());
        UUID b = fixtures.business("Isolation B " + c.table());
        UUID rowOfA = create(a, c, "isolation-a-" + c.table());
        UUID rowOfB = create(b, c, "isolation-b-" + c.table());
        String entity = c.type().getSimpleName();

        // Both layers, through Hibernate as the application uses it.
        scope.run(b, () -> {
            assertThat(em.createQuery("select e.id from " + entity + " e", UUID.class).getResultList())
                    .contains(rowOfB).doesNotContain(rowOfA);
            assertThat(em.find(c.type(), rowOfA)).isNull();
        });
        changesNothing(c, b, null, () -> em.createQuery("update " + entity + " set " + c.field() + " = :v where id = :id")
                .setParameter("v", c.tamperedValue()).setParameter("id", rowOfA).executeUpdate());
        changesNothing(c, b, null, () -> em.createQuery("delete from " + entity + " where id = :id")
                .setParameter("id", rowOfA).executeUpdate());

        // Row-level security alone: native SQL is not filtered by Hibernate.
        scope.run(b, () -> {
            assertThat(nativeCount(c.table(), rowOfA)).isZero();
            assertThat(nativeCount(c.table(), rowOfB)).isOne();
        });
        changesNothing(c, b, null, () -> em.createNativeQuery("update " + c.table() + " set " + c.column()
                + " = ?1 where id = ?2").setParameter(1, c.tamperedValue()).setParameter(2, rowOfA).executeUpdate());
        changesNothing(c, b, null, () -> em.createNativeQuery("delete from " + c.table() + " where id = ?1")
                .setParameter(1, rowOfA).executeUpdate());

        // The Hibernate filter alone: the session is tenant B while the connection claims tenant A.
        scope.run(b, () -> {
            claim(a);
            assertThat(nativeCount(c.table(), rowOfA)).as("the connection now sees A").isOne();
            assertThat(em.find(c.type(), rowOfA)).isNull();
            assertThat(em.createQuery("select e.id from " + entity + " e", UUID.class).getResultList())
                    .doesNotContain(rowOfA);
        });
        changesNothing(c, b, a, () -> em.createQuery("update " + entity + " set " + c.field() + " = :v where id = :id")
                .setParameter("v", c.tamperedValue()).setParameter("id", rowOfA).executeUpdate());

        // Tenant A's row is there and untouched.
        scope.run(a, () -> {
            Object value = em.createNativeQuery("select " + c.column() + " from " + c.table() + " where id = ?1")
                    .setParameter(1, rowOfA).getSingleResult();
            assertThat(value).isNotEqualTo(c.tamperedValue());
            assertThat(em.find(c.type(), rowOfA)).isNotNull();
        });
    }

    /** Tables written only with native SQL (no entity): row-level security is their guard. */
    @org.junit.jupiter.api.Test
    void statusEventsOfTenantAAreInvisibleToTenantB() {
        UUID a = fixtures.business("Isolation A status events");
        UUID b = fixtures.business("Isolation B status events");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        scope.run(a, () -> em.createNativeQuery("insert into sms_status_events (tenant_id, id, message_sid, status) "
                + "values (current_tenant_id(), ?1, ?2, 'sent')").setParameter(1, UUID.randomUUID())
                .setParameter(2, sid).executeUpdate());
        scope.run(b, () -> {
            assertThat(em.createNativeQuery("select count(*) from sms_status_events where message_sid = ?1")
                    .setParameter(1, sid).getSingleResult()).isEqualTo(0L);
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scope.run(b, () -> em.createNativeQuery(
                "delete from sms_status_events where message_sid = ?1").setParameter(1, sid).executeUpdate()))
                .as("the status events are append-only").hasStackTraceContaining("permission denied");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scope.run(a, () -> em.createNativeQuery(
                "update sms_status_events set status = 'delivered' where message_sid = ?1").setParameter(1, sid)
                .executeUpdate())).as("even for its own business").hasStackTraceContaining("permission denied");
        scope.run(a, () -> assertThat(em.createNativeQuery(
                "select count(*) from sms_status_events where message_sid = ?1").setParameter(1, sid).getSingleResult())
                .isEqualTo(1L));
    }

    /** Logs the application may only append to: changing them is refused outright, whoever's row it is. */
    private static final java.util.Set<String> APPEND_ONLY = java.util.Set.of("audit_log", "stripe_events");

    /**
     * Runs a change as {@code tenant} (on a connection claiming {@code claimed}, if given): it must touch no row,
     * and on an append-only log it is refused by the database.
     */
    private void changesNothing(Case c, UUID tenant, UUID claimed, java.util.function.IntSupplier change) {
        if (APPEND_ONLY.contains(c.table())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> scope.run(tenant, () -> {
                claim(claimed);
                change.getAsInt();
            })).hasStackTraceContaining("permission denied");
            return;
        }
        scope.run(tenant, () -> {
            claim(claimed);
            assertThat(change.getAsInt()).isZero();
        });
    }

    private void claim(UUID tenant) {
        if (tenant != null) {
            em.createNativeQuery("select set_config('app.tenant_id', ?1, true)").setParameter(1, tenant.toString())
                    .getSingleResult();
        }
    }

    private UUID create(UUID tenant, Case c, String subject) {
        UUID userId = fixtures.user(subject);
        UUID contactId = fixtures.contact(tenant, Fixtures.randomPhone(), "Parent contact");
        return scope.call(tenant, () -> {
            TenantScoped row = c.factory().apply(contactId, userId);
            row.persist();
            return row.id;
        });
    }

    private long nativeCount(String table, UUID id) {
        List<?> rows = em.createNativeQuery("select count(*) from " + table + " where id = ?1").setParameter(1, id)
                .getResultList();
        return ((Number) rows.get(0)).longValue();
    }
}
