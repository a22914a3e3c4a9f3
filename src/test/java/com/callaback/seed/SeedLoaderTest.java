package com.callaback.seed;

import com.callaback.support.AsTenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Lead;
import com.callaback.followups.FollowUp;
import com.callaback.identity.Membership;
import com.callaback.identity.User;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioStub;
import com.callaback.support.TwilioWebhooks;
import com.callaback.telephony.BusinessHours;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccount;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.followups.SkipReason;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Loading tenants-seed/ twice leaves exactly the same rows as loading it once; a business imported with its own
 * Twilio subaccount and numbers is admitted with its own token, and only its own.
 */
@QuarkusTest
class SeedLoaderTest {

    private static final List<String> TENANT_TABLES = List.of("memberships", "twilio_accounts", "phone_numbers", "contacts",
            "interactions", "leads", "follow_ups");

    @Inject
    SeedLoader loader;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    com.callaback.provisioning.BusinessClosing closing;

    /** The demo's pending text must not become due in the middle of another test class's counts. */
    @org.junit.jupiter.api.AfterEach
    void cancelTheDemoTexts() {
        for (String slug : List.of("bright-smile-dental", "lakeside-plumbing", "corner-bakery")) {
            findBySlug(slug).ifPresent(tenant -> scope.run(
                    tenant.id, () -> FollowUp.update("status = ?1, skipReason = ?2 where status = ?3",
                            FollowUpStatus.CANCELLED, SkipReason.CANCELLED_BY_TEAM, FollowUpStatus.PENDING)));
        }
    }

    @Test
    void loadingTheSeedFolderTwiceChangesNothing() {
        List<String> slugs = loader.loadFolder(Path.of("tenants-seed"));
        assertThat(slugs).containsExactly("bright-smile-dental", "northwind-marketing", "lakeside-plumbing",
                "corner-bakery");
        Map<String, String> first = snapshot(slugs);

        loader.loadFolder(Path.of("tenants-seed"));
        Map<String, String> second = snapshot(slugs);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void theSeedDescribesAPlainBusinessAndAnAgencyWithTwoClients() {
        loader.loadFolder(Path.of("tenants-seed"));
        Tenant dental = bySlug("bright-smile-dental");
        Tenant agency = bySlug("northwind-marketing");
        List<Tenant> clients = scope.call(agency.id, () -> Tenant.findClientsOf(agency.id));
        assertThat(agency.isAgency()).isTrue();
        assertThat(clients).extracting(t -> t.slug).containsExactly("corner-bakery", "lakeside-plumbing");

        User alice = scope.call(dental.id, () -> User.findBySubject("alice").orElseThrow());
        scope.run(dental.id, () -> {
            assertThat(Contact.count()).isEqualTo(3);
            assertThat(Lead.count()).isEqualTo(2);
            assertThat(FollowUp.count("type", FollowUpType.AUTO_SMS)).isOne();
            assertThat(PhoneNumber.listActive()).extracting(p -> p.e164).containsExactly("+13125550199");
            assertThat(Membership.findByUser(alice.id).orElseThrow().role).isEqualTo("owner");
        });
    }

    @Test
    void anImportedBusinessIsAdmittedWithItsOwnTokenAndReloadingChangesNothing() throws IOException {
        Imported shop = new Imported("import-" + hex(8), "AC" + hex(32), hex(32), importablePhone());
        Path folder = folderWith(shop.yaml());

        loader.loadFolder(folder);
        Tenant tenant = bySlug(shop.slug());
        PhoneNumber number = scope.call(tenant.id, () -> PhoneNumber.findActiveByE164(shop.number()).orElseThrow());
        TwilioAccount account = scope.call(tenant.id, () -> TwilioAccount.findById(number.twilioAccountId));
        assertThat(account.subaccountSid).isEqualTo(shop.accountSid());
        assertThat(account.simulated).isFalse();
        assertThat(account.authTokenEncrypted).startsWith("v2:").doesNotContain(shop.authToken());
        assertThat(number.simulated).isFalse();
        assertThat(BusinessHours.parse(tenant.businessHours).isOpen(ZonedDateTime.now())).isTrue();
        assertThat(routedTenant(shop.number())).isEqualTo(tenant.id);

        String caller = Fixtures.randomPhone();
        new TwilioWebhooks().post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(
                shop.business(tenant.id, number.id), TwilioCalls.callSid(), caller)).then().statusCode(200);
        assertThat(scope.call(tenant.id, () -> Contact.findByPhone(caller))).isPresent();

        Map<String, String> first = snapshot(List.of(shop.slug()));
        loader.loadFolder(folder);
        assertThat(snapshot(List.of(shop.slug()))).isEqualTo(first);
    }

    @Test
    void reloadingWithARotatedTokenStoresTheNewOne() throws IOException {
        Imported before = new Imported("rotate-" + hex(8), "AC" + hex(32), hex(32), importablePhone());
        loader.loadFolder(folderWith(before.yaml()));
        Imported after = new Imported(before.slug(), before.accountSid(), hex(32), before.number());
        loader.loadFolder(folderWith(after.yaml()));

        Tenant tenant = bySlug(after.slug());
        PhoneNumber number = scope.call(tenant.id, () -> PhoneNumber.findActiveByE164(after.number()).orElseThrow());
        assertThat(scope.call(tenant.id, () -> credentials.forNumber(number.id).authToken()))
                .isEqualTo(after.authToken());
        assertThat(scope.call(tenant.id, () -> TwilioAccount.count())).isOne();
        Fixtures.TwilioBusiness business = after.business(tenant.id, number.id);
        new TwilioWebhooks().post("/api/twilio/incoming-call", before.authToken(), TwilioCalls.incomingCall(business,
                TwilioCalls.callSid(), Fixtures.randomPhone())).then().statusCode(403);
        new TwilioWebhooks().post("/api/twilio/incoming-call", after.authToken(), TwilioCalls.incomingCall(business,
                TwilioCalls.callSid(), Fixtures.randomPhone())).then().statusCode(200);
    }

    @Test
    void aMalformedTwilioBlockIsRefusedNamingTheBusinessAndFieldAndWritesNothing() throws IOException {
        String slug = "malformed-" + hex(8);
        Imported valid = new Imported(slug, "AC" + hex(32), hex(32), importablePhone());

        assertThatThrownBy(() -> loader.loadFolder(folderWith(new Imported(slug, "AC123", valid.authToken(),
                valid.number()).yaml()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + slug + "'").hasMessageContaining("twilio.subaccountSid")
                .hasMessageNotContaining("AC123");
        assertThatThrownBy(() -> loader.loadFolder(folderWith(new Imported(slug, valid.accountSid(), "not-hex",
                valid.number()).yaml()))).hasMessageContaining("'" + slug + "'")
                .hasMessageContaining("twilio.authToken").hasMessageNotContaining("not-hex");
        assertThatThrownBy(() -> loader.loadFolder(folderWith(new Imported(slug, valid.accountSid(),
                valid.authToken(), "(312) 555-0100").yaml()))).hasMessageContaining("'" + slug + "'")
                .hasMessageContaining("numbers[0]").hasMessageContaining("E.164");

        assertThat(findBySlug(slug)).isEmpty();
        assertThat(routedTenant(valid.number())).isNull();
    }

    @Test
    void aNumberRoutesOnlyToTheBusinessThatImportedItAndAnotherCannotTakeIt() throws IOException {
        Imported a = new Imported("cross-a-" + hex(8), "AC" + hex(32), hex(32), importablePhone());
        Imported b = new Imported("cross-b-" + hex(8), "AC" + hex(32), hex(32), importablePhone());
        loader.loadFolder(folderWith(a.yaml(), b.yaml()));
        Tenant tenantA = bySlug(a.slug());
        Tenant tenantB = bySlug(b.slug());
        UUID numberA = scope.call(tenantA.id, () -> PhoneNumber.findActiveByE164(a.number()).orElseThrow().id);

        Imported thief = new Imported(b.slug(), b.accountSid(), b.authToken(), a.number());
        assertThatThrownBy(() -> loader.loadFolder(folderWith(thief.yaml())))
                .hasMessageContaining("'" + b.slug() + "'").hasMessageContaining("numbers[0]")
                .hasMessageContaining("already belongs to another business");
        Imported sidThief = new Imported("cross-c-" + hex(8), a.accountSid(), hex(32), importablePhone());
        assertThatThrownBy(() -> loader.loadFolder(folderWith(sidThief.yaml())))
                .hasMessageContaining("twilio.subaccountSid").hasMessageContaining("already belongs");

        assertThat(routedTenant(a.number())).isEqualTo(tenantA.id);
        assertThat(scope.call(tenantB.id, () -> PhoneNumber.findActiveByE164(a.number()))).isEmpty();
        String caller = Fixtures.randomPhone();
        // B's token cannot sign for A's number, even naming A's subaccount.
        new TwilioWebhooks().post("/api/twilio/incoming-call", b.authToken(), TwilioCalls.incomingCall(
                a.business(tenantA.id, numberA), TwilioCalls.callSid(), caller)).then().statusCode(403);
        new TwilioWebhooks().post("/api/twilio/incoming-call", a.authToken(), TwilioCalls.incomingCall(
                a.business(tenantA.id, numberA), TwilioCalls.callSid(), caller)).then().statusCode(200);
        assertThat(scope.call(tenantA.id, () -> Contact.findByPhone(caller))).isPresent();
        assertThat(scope.call(tenantB.id, () -> Contact.findByPhone(caller))).isEmpty();
    }

    @Test
    void anImportedSubaccountIsNeverClosedAtTwilioAndAClosedBusinessStaysClosedOnReload() throws IOException {
        Imported shop = new Imported("import-close-" + hex(8), "AC" + hex(32), hex(32), importablePhone());
        Path folder = folderWith(shop.yaml());
        loader.loadFolder(folder);
        UUID tenantId = bySlug(shop.slug()).id;

        closing.close(tenantId);
        AsTenant.run(tenantId, () -> Tenant.<Tenant>findById(tenantId).status = "closed");

        // The customer's own subaccount and number are left alone at Twilio; here they stop routing.
        assertThat(TwilioStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlMatching(".*" + shop.accountSid() + ".*"))))
                .isEmpty();
        assertThat(routedTenant(shop.number())).isNull();
        assertThat(scope.call(tenantId, () -> TwilioAccount.<TwilioAccount>find("subaccountSid", shop.accountSid())
                .firstResult().status)).isEqualTo("closed");

        loader.loadFolder(folder);
        assertThat(routedTenant(shop.number())).as("reloading does not reopen a closed business").isNull();

        // Upper-case hex would slip past the exact comparisons that keep a subaccount with one business.
        Imported shouting = new Imported("import-upper-" + hex(8), "AC" + hex(32).toUpperCase(), hex(32),
                importablePhone());
        assertThatThrownBy(() -> loader.loadFolder(folderWith(shouting.yaml())))
                .hasMessageContaining("twilio.subaccountSid").hasMessageContaining("lower-case");
    }

    /** A business in a seed file with its own subaccount and one number, open around the clock. */
    private record Imported(String slug, String accountSid, String authToken, String number) {

        String yaml() {
            return """
                    slug: %s
                    name: Imported %s
                    timezone: America/Chicago
                    forwardingPhone: "+13125550100"
                    businessHours: { mon: ["00:00", "24:00"], tue: ["00:00", "24:00"], wed: ["00:00", "24:00"],
                      thu: ["00:00", "24:00"], fri: ["00:00", "24:00"], sat: ["00:00", "24:00"], sun: ["00:00", "24:00"] }
                    twilio: { subaccountSid: "%s", authToken: "%s" }
                    numbers: ["%s"]
                    """.formatted(slug, slug, accountSid, authToken, number);
        }

        Fixtures.TwilioBusiness business(UUID tenantId, UUID numberId) {
            return new Fixtures.TwilioBusiness(tenantId, accountSid, authToken, number, numberId);
        }
    }

    private static Path folderWith(String... businesses) throws IOException {
        Path folder = Files.createTempDirectory("seed");
        for (int i = 0; i < businesses.length; i++) {
            Files.writeString(folder.resolve("business-" + i + ".yaml"), businesses[i]);
        }
        return folder;
    }

    private UUID routedTenant(String number) {
        List<?> owners = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select tenant_id from route_phone_number(?1)").setParameter(1, number).getResultList());
        return owners.isEmpty() ? null : (UUID) owners.get(0);
    }

    /** A number of its own for each import: area code 628, which no other test uses. */
    private static String importablePhone() {
        return Fixtures.randomPhone().replace("+1312", "+1628");
    }

    private static String hex(int digits) {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, digits);
    }

    private Map<String, String> snapshot(List<String> slugs) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String slug : slugs) {
            Tenant tenant = bySlug(slug);
            // As the business: its own row, and its team's people.
            rows.put(slug + "/tenants", scope.call(tenant.id, () -> json("select json_agg(t)::text from tenants t "
                    + "where t.id = current_tenant_id()", null)));
            rows.put(slug + "/users", scope.call(tenant.id, () -> json(
                    "select json_agg(u order by u.oidc_subject)::text from users u", null)));
            for (String table : TENANT_TABLES) {
                rows.put(slug + "/" + table, scope.call(tenant.id, () -> json(
                        "select json_agg(r order by r.id)::text from " + table + " r", null)));
            }
        }
        return rows;
    }

    /** A business by its slug, read as itself (row-level security on tenants). */
    private Tenant bySlug(String slug) {
        return findBySlug(slug).orElseThrow();
    }

    private java.util.Optional<Tenant> findBySlug(String slug) {
        return QuarkusTransaction.requiringNew().call(() -> Tenant.idBySlug(slug))
                .map(id -> scope.<Tenant>call(id, () -> Tenant.findById(id)));
    }

    private String json(String sql, Object parameter) {
        var query = em.createNativeQuery(sql);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        Object result = query.getSingleResult();
        return result == null ? "[]" : result.toString();
    }
}
