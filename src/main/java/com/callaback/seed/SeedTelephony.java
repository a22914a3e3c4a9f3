package com.callaback.seed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.identity.Tokens;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.PhoneNumberFormat;
import com.callaback.telephony.TwilioAccount;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.tenant.Tenant;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A seed business's Twilio subaccount and numbers: a subaccount the business already has, imported as written
 * (its token encrypted like a provisioned one's), or, without one, a simulated subaccount for the demo. A number
 * another business owns is refused before anything of the business is written.
 */
@ApplicationScoped
class SeedTelephony {

    // Twilio writes both in lower-case hex; the ownership checks and the signature compare them exactly.
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-f]{32}");
    private static final Pattern AUTH_TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    @Inject
    com.callaback.tenant.TenantScope tenantScope;
    @Inject
    EntityManager em;
    @Inject
    TwilioAccountCredentials credentials;

    /** Checks the form of the business's Twilio block and numbers, naming the business and the field. */
    static void check(SeedBusiness spec) {
        SeedBusiness.Twilio twilio = spec.twilio();
        if (twilio != null) {
            if (twilio.subaccountSid() == null || !ACCOUNT_SID.matcher(twilio.subaccountSid()).matches()) {
                // Not echoed: a token pasted into the wrong field would end up in the log.
                throw SeedLoader.invalid(spec, "twilio.subaccountSid", "must be \"AC\" followed by 32 lower-case "
                        + "hexadecimal digits, as in the Twilio console (got " + (twilio.subaccountSid() == null ? 0
                                : twilio.subaccountSid().length()) + " characters)");
            }
            if (twilio.authToken() == null || twilio.authToken().isBlank()) {
                throw SeedLoader.invalid(spec, "twilio.authToken", "is missing");
            }
            if (!AUTH_TOKEN.matcher(twilio.authToken()).matches()) {
                // The token is a secret: its length says enough, the value stays out of logs.
                throw SeedLoader.invalid(spec, "twilio.authToken", "must be 32 lower-case hexadecimal digits (got "
                        + twilio.authToken().length() + " characters)");
            }
        }
        List<String> numbers = spec.numbers();
        for (int i = 0; i < numbers.size(); i++) {
            String raw = numbers.get(i);
            if (twilio != null && !isE164(raw)) {
                throw SeedLoader.invalid(spec, "numbers[" + i + "]", "\"" + raw
                        + "\" is not a valid number in E.164 form, as Twilio lists it (like +13125550199)");
            }
            if (twilio == null && PhoneNumberFormat.toE164(raw).isEmpty()) {
                throw SeedLoader.invalid(spec, "numbers[" + i + "]", "\"" + raw + "\" is not a valid phone number");
            }
        }
    }

    /** Refuses a number or subaccount that belongs to another business; runs before the business is written. */
    void refuseTakenByOthers(SeedBusiness spec, UUID ownTenantId) {
        if (spec.twilio() != null) {
            owner("select tenant_id from route_twilio_account(?1)", spec.twilio().subaccountSid(), ownTenantId)
                    .ifPresent(other -> {
                        throw SeedLoader.invalid(spec, "twilio.subaccountSid", spec.twilio().subaccountSid()
                                + " already belongs to another business (" + other + ")");
                    });
        }
        List<String> numbers = spec.numbers();
        for (int i = 0; i < numbers.size(); i++) {
            String number = e164(numbers.get(i));
            String field = "numbers[" + i + "]";
            owner("select tenant_id from route_phone_number(?1)", number, ownTenantId).ifPresent(other -> {
                throw SeedLoader.invalid(spec, field, number + " already belongs to another business (" + other + ")");
            });
        }
    }

    /** Stores the subaccount and the numbers in the current tenant. Idempotent; a changed token is updated. */
    void ensure(SeedBusiness spec) {
        if (spec.twilio() == null && spec.numbers().isEmpty()) {
            return;
        }
        boolean imported = spec.twilio() != null;
        UUID accountId = imported ? importedAccount(spec) : simulatedAccount(spec);
        for (String raw : spec.numbers()) {
            String number = e164(raw);
            PhoneNumber active = PhoneNumber.findActiveByE164(number).orElse(null);
            if (active != null && !imported) {
                continue;
            }
            PhoneNumber phone = active != null ? active : PhoneNumber.findById(stableNumberId(spec, number));
            if (phone == null) {
                phone = new PhoneNumber();
                phone.id = stableNumberId(spec, number);
                phone.e164 = number;
                // A demo number needs no set-up; an imported one is pointed at our webhooks by the operator.
                phone.twilioSid = imported ? null : SeedLoader.twilioSid("PN", spec.slug() + "/" + number);
                phone.configuredAt = imported ? null : Instant.now();
                phone.twilioAccountId = accountId;
                phone.simulated = !imported;
                phone.persist();
            } else {
                // Reloading ties the number to the file's subaccount, and brings it back into service if released.
                phone.status = "active";
                phone.releasedAt = null;
                phone.twilioAccountId = accountId;
                phone.simulated = !imported;
            }
        }
    }

    private UUID importedAccount(SeedBusiness spec) {
        String sid = spec.twilio().subaccountSid();
        String token = spec.twilio().authToken();
        TwilioAccount account = TwilioAccount.<TwilioAccount>find("subaccountSid", sid).firstResult();
        if (account == null) {
            TwilioAccount stored = credentials.store(sid, token, spec.name(), false);
            stored.imported = true;
            return stored.id;
        }
        account.imported = true;
        account.status = "active";
        if (account.authTokenEncrypted == null
                || !token.equals(credentials.decrypted(sid, account.authTokenEncrypted).authToken())) {
            account.authTokenEncrypted = credentials.sealed(sid, token);
        }
        return account.id;
    }

    /** Demo businesses run on the simulator: a simulated subaccount with a fresh token, created once. */
    private UUID simulatedAccount(SeedBusiness spec) {
        return TwilioAccount.findActive().map(a -> a.id).orElseGet(() -> credentials.store(
                SeedLoader.twilioSid("AC", spec.slug() + "/subaccount"), Tokens.newToken(), spec.name(), true).id);
    }

    /** The slug of the business a routing function gives for this key, when that is not the given business. */
    private Optional<String> owner(String sql, String key, UUID ownTenantId) {
        Optional<UUID> other = QuarkusTransaction.requiringNew().call(() -> {
            List<?> owners = em.createNativeQuery(sql).setParameter(1, key).getResultList();
            return owners.stream().map(UUID.class::cast).filter(owner -> !owner.equals(ownTenantId)).findFirst();
        });
        // The operator's seed may read any business: the other one's slug is read as that business.
        return other.map(owner -> tenantScope.call(owner, () -> Tenant.<Tenant>findById(owner).slug));
    }

    private static UUID stableNumberId(SeedBusiness spec, String number) {
        return SeedLoader.stableId(spec.slug(), "number:" + number);
    }

    private static boolean isE164(String raw) {
        return raw != null && E164.matcher(raw).matches() && PhoneNumberFormat.toE164(raw).filter(raw::equals)
                .isPresent();
    }

    private static String e164(String raw) {
        return PhoneNumberFormat.toE164(raw).orElseThrow();
    }
}
