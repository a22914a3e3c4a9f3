package com.callaback.support;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.contacts.Contact;
import com.callaback.identity.Membership;
import com.callaback.identity.User;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Creates businesses, people and memberships for tests, through the same entities and tenant helper as the app. */
@ApplicationScoped
public class Fixtures {

    @Inject
    public TenantScope tenantScope;

    public UUID business(String name) {
        return tenant(name, "business", null);
    }

    public UUID agency(String name) {
        return tenant(name, "agency", null);
    }

    public UUID clientOf(UUID agencyId, String name) {
        return tenant(name, "business", agencyId);
    }

    private UUID tenant(String name, String kind, UUID agencyId) {
        // Inserted as itself: row-level security lets a transaction write only the business it acts for.
        UUID id = UUID.randomUUID();
        return tenantScope.call(id, () -> {
            Tenant tenant = new Tenant();
            tenant.id = id;
            tenant.name = name;
            tenant.slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
            tenant.kind = kind;
            tenant.agencyId = agencyId;
            tenant.requestedAreaCode = "312";
            tenant.persist();
            return tenant.id;
        });
    }

    /** The users row a sign-in with this subject maps to (created if absent). */
    public UUID user(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> User.idForSubject(subject, subject + "@example.com", null));
    }

    /**
     * Reads or changes a person's own row, as the app does for the signed-in person (row-level security on users
     * admits it only in a transaction acting for them).
     */
    public <T> T asUser(String subject, java.util.function.Function<User, T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID id = User.idOfSubject(subject).orElseThrow();
            User.getEntityManager().createNativeQuery("select set_config('app.user_id', ?1, true)")
                    .setParameter(1, id.toString()).getSingleResult();
            return work.apply(User.<User>findById(id));
        });
    }

    /** {@link #asUser} for work that returns nothing. */
    public void withUser(String subject, java.util.function.Consumer<User> work) {
        asUser(subject, user -> {
            work.accept(user);
            return null;
        });
    }

    public void member(UUID tenantId, String subject, String role) {
        UUID userId = user(subject);
        tenantScope.run(tenantId, () -> {
            Membership membership = new Membership();
            membership.userId = userId;
            membership.role = role;
            membership.persist();
        });
    }

    public UUID contact(UUID tenantId, String phone, String name) {
        return tenantScope.call(tenantId, () -> {
            Contact contact = new Contact();
            contact.phone = phone;
            contact.name = name;
            contact.persist();
            return contact.id;
        });
    }

    /** A business wired to Twilio: subaccount (token encrypted), one active number, no quiet hours, open or closed. */
    public record TwilioBusiness(UUID tenantId, String accountSid, String authToken, String number, UUID numberId) {
    }

    @Inject
    com.callaback.telephony.TwilioAccountCredentials twilioCredentials;

    public TwilioBusiness twilioBusiness(String name, boolean open) {
        UUID tenantId = business(name);
        String accountSid = "AC" + UUID.randomUUID().toString().replace("-", "");
        String authToken = UUID.randomUUID().toString().replace("-", "");
        rememberSecret(authToken);
        // Random, not from randomPhone()'s sequence: that restarts with each test profile's class loader, on the
        // same database, where numbers are unique across businesses.
        String number = "+1415" + (2_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_000_000));
        tenantScope.run(tenantId, () -> {
            Tenant tenant = Tenant.findById(tenantId);
            tenant.forwardingPhone = "+13125550100";
            tenant.businessHours = open ? ALWAYS_OPEN : "{}";
            tenant.autoReplyDelaySeconds = 0;
            tenant.quietHoursStart = java.time.LocalTime.MIDNIGHT;
            tenant.quietHoursEnd = java.time.LocalTime.MIDNIGHT;
            tenant.autoReplyText = "Hi {first_name}, sorry we missed you at {business_name}! How can we help?";
        });
        UUID numberId = tenantScope.call(tenantId, () -> {
            var account = twilioCredentials.store(accountSid, authToken, name, false);
            com.callaback.telephony.PhoneNumber phone = new com.callaback.telephony.PhoneNumber();
            phone.e164 = number;
            phone.twilioAccountId = account.id;
            phone.twilioSid = "PN" + UUID.randomUUID().toString().replace("-", "");
            phone.persist();
            return phone.id;
        });
        return new TwilioBusiness(tenantId, accountSid, authToken, number, numberId);
    }

    /** Every subaccount token the suite hands out, for SuiteLogIT to look for in the whole suite's log. */
    public static final java.nio.file.Path SECRETS_HANDED_OUT =
            java.nio.file.Path.of("target/test-subaccount-tokens.txt");

    private static void rememberSecret(String secret) {
        try {
            java.nio.file.Files.writeString(SECRETS_HANDED_OUT, secret + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String ALWAYS_OPEN = "{\"mon\":[\"00:00\",\"24:00\"],\"tue\":[\"00:00\",\"24:00\"],"
            + "\"wed\":[\"00:00\",\"24:00\"],\"thu\":[\"00:00\",\"24:00\"],\"fri\":[\"00:00\",\"24:00\"],"
            + "\"sat\":[\"00:00\",\"24:00\"],\"sun\":[\"00:00\",\"24:00\"]}";

    public UUID activeTenantOf(String subject) {
        return asUser(subject, user -> user.activeTenantId);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_LINE =
            new java.util.concurrent.atomic.AtomicInteger((int) (Math.random() * 1000));

    /** A valid US number not handed out before in this test run (lines 1000-9999 of 312-555, in turn). */
    public static String randomPhone() {
        return "+1312555" + (1000 + NEXT_LINE.getAndIncrement() % 9000);
    }
}
