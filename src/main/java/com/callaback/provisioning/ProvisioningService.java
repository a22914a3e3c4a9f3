package com.callaback.provisioning;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccount;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioEndpoint;
import com.callaback.telephony.TwilioFailure;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.web.PlatformConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sets a business up on Twilio in steps that can each be resumed: subaccount, number, webhooks. Each step first
 * looks for what an earlier, interrupted attempt may have created at Twilio (a subaccount with the business's
 * friendly name, a number the subaccount owns) so a retry never creates a second one. Twilio is called outside
 * transactions; each result is committed as soon as it exists.
 */
@ApplicationScoped
public class ProvisioningService {

    private static final Logger LOG = Logger.getLogger(ProvisioningService.class);

    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioGateway twilio;
    @Inject
    TwilioEndpoint endpoint;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    PlatformConfig platform;

    /** Runs the missing steps for one business; throws {@link TwilioFailure} naming what failed. */
    public void provision(UUID tenantId) {
        TwilioGateway.Credentials account = ensureSubaccount(tenantId);
        ensureNumber(tenantId, account);
        ensureWebhooks(tenantId, account);
    }

    /** The subaccount's friendly name: the business's name, made unique and stable by its id. */
    static String friendlyName(Tenant tenant) {
        String name = tenant.name.length() > 40 ? tenant.name.substring(0, 40) : tenant.name;
        return name + " [" + tenant.id.toString().substring(0, 18) + "]";
    }

    public TwilioGateway.NumberUrls urls() {
        String base = platform.publicBaseUrl() + "/api/twilio";
        return new TwilioGateway.NumberUrls(base + "/incoming-call", base + "/incoming-sms", base + "/call-status",
                base + "/fallback/voice", base + "/fallback/sms");
    }

    private TwilioGateway.Credentials ensureSubaccount(UUID tenantId) {
        step(tenantId, "subaccount");
        TwilioGateway.Credentials existing = tenantScope.call(tenantId, () -> credentials.forNumber(null));
        if (existing != null) {
            return existing;
        }
        String friendlyName = friendlyName(tenantScope.call(tenantId, () -> Tenant.<Tenant>findById(tenantId)));
        TwilioGateway.Subaccount subaccount = twilio.findSubaccount(friendlyName)
                .orElseGet(() -> twilio.createSubaccount(friendlyName));
        boolean simulated = endpoint.simulated();
        tenantScope.run(tenantId, () -> credentials.store(subaccount.sid(), subaccount.authToken(), friendlyName,
                simulated));
        return new TwilioGateway.Credentials(subaccount.sid(), subaccount.authToken());
    }

    private void ensureNumber(UUID tenantId, TwilioGateway.Credentials account) {
        step(tenantId, "number");
        if (tenantScope.call(tenantId, () -> PhoneNumber.findFirstActive().isPresent())) {
            return;
        }
        // A number bought by an attempt that died before recording it is adopted, not bought again.
        Set<String> known = tenantScope.call(tenantId, () -> PhoneNumber.<PhoneNumber>listAll().stream()
                .map(n -> n.twilioSid).collect(Collectors.toSet()));
        Optional<TwilioGateway.OwnedNumber> unrecorded = twilio.listOwnedNumbers(account).stream()
                .filter(n -> !known.contains(n.sid())).findFirst();
        if (unrecorded.isPresent()) {
            record(tenantId, account, unrecorded.get(), null, false);
            return;
        }
        buyNumber(tenantId, account);
    }

    /** Searches (area code, nearby, anywhere), buys with the webhooks set, and records the number. */
    public PhoneNumber buyNumber(UUID tenantId, TwilioGateway.Credentials account) {
        Tenant tenant = tenantScope.call(tenantId, () -> Tenant.<Tenant>findById(tenantId));
        NumberPurchase.Found found = NumberPurchase.search(twilio, account, tenant.requestedAreaCode,
                tenant.forwardingPhone).orElseThrow(() -> new TwilioFailure(
                        "Twilio has no local numbers available right now", null, null, false, null));
        TwilioGateway.OwnedNumber bought = twilio.buyNumber(account, found.candidates().get(0), urls());
        return record(tenantId, account, bought, found.note(), true);
    }

    /** Buys a toll-free number with the webhooks set, and records it (a toll-free sender needs verification). */
    public PhoneNumber buyTollFreeNumber(UUID tenantId, TwilioGateway.Credentials account) {
        String found = twilio.searchTollFreeNumbers(account).stream().findFirst().orElseThrow(() -> new TwilioFailure(
                "Twilio has no toll-free numbers available right now", null, null, false, null));
        TwilioGateway.OwnedNumber bought = twilio.buyNumber(account, found, urls());
        return record(tenantId, account, bought, null, true);
    }

    /** Points every active number that has not been confirmed at this platform's webhooks. */
    private void ensureWebhooks(UUID tenantId, TwilioGateway.Credentials account) {
        step(tenantId, "webhooks");
        for (PhoneNumber number : tenantScope.call(tenantId, () -> PhoneNumber.<PhoneNumber>list(
                "status = 'active' and configuredAt is null"))) {
            twilio.configureNumber(account, number.twilioSid, urls());
            tenantScope.run(tenantId, () -> PhoneNumber.<PhoneNumber>findById(number.id).configuredAt = Instant.now());
        }
    }

    /** Stores a number of the subaccount; one bought here already points at our webhooks, an adopted one not yet. */
    private PhoneNumber record(UUID tenantId, TwilioGateway.Credentials account, TwilioGateway.OwnedNumber owned,
            String note, boolean configured) {
        boolean simulated = endpoint.simulated();
        PhoneNumber recorded = tenantScope.call(tenantId, () -> {
            TwilioAccount stored = TwilioAccount.find("subaccountSid", account.accountSid()).firstResult();
            PhoneNumber number = new PhoneNumber();
            number.e164 = owned.e164();
            number.twilioSid = owned.sid();
            number.twilioAccountId = stored.id;
            number.simulated = simulated;
            number.configuredAt = configured ? Instant.now() : null;
            number.persist();
            return number;
        });
        tenantScope.run(tenantId, () -> {
            Tenant tenant = Tenant.findById(tenantId);
            tenant.provisioningNote = note;
            if (!simulated && "not_required".equals(tenant.complianceStatus)) {
                // US carriers require A2P 10DLC registration for texts from local numbers.
                tenant.complianceType = "a2p_10dlc";
                tenant.complianceStatus = "registration_required";
            }
        });
        LOG.infof("Business %s got number %s", tenantId, owned.e164());
        return recorded;
    }

    private void step(UUID tenantId, String step) {
        tenantScope.run(tenantId, () -> Tenant.<Tenant>findById(tenantId).provisioningStep = step);
    }
}
