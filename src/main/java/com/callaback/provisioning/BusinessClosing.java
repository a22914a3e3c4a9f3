package com.callaback.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccount;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantScope;

/** Releases numbers and closes the subaccount of a business: when it closes, or one number at a time. */
@ApplicationScoped
public class BusinessClosing {

    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioGateway twilio;
    @Inject
    TwilioAccountCredentials credentials;

    /** Releases one number at Twilio, then stops routing to it. Idempotent: a number Twilio no longer has is fine. */
    public void release(UUID tenantId, UUID numberId) {
        PhoneNumber number = tenantScope.call(tenantId, () -> PhoneNumber.findById(numberId));
        if (number == null || !"active".equals(number.status)) {
            return;
        }
        TwilioGateway.Credentials account = tenantScope.call(tenantId, () -> credentials.forNumber(numberId));
        if (account != null && number.twilioSid != null) {
            twilio.releaseNumber(account, number.twilioSid);
        }
        tenantScope.run(tenantId, () -> {
            PhoneNumber released = PhoneNumber.findById(numberId);
            released.status = "released";
            released.releasedAt = Instant.now();
        });
    }

    /**
     * Every number released, then the subaccount closed. An imported subaccount is the customer's own: it is only
     * marked closed here, never closed at Twilio (its numbers, bought elsewhere, have no Twilio SID and stay too).
     */
    public void close(UUID tenantId) {
        List<UUID> numbers = tenantScope.call(tenantId, () -> PhoneNumber.listActive().stream().map(n -> n.id).toList());
        numbers.forEach(number -> release(tenantId, number));
        List<TwilioAccount> accounts = tenantScope.call(tenantId, () -> TwilioAccount.list("status <> 'closed'"));
        for (TwilioAccount account : accounts) {
            if (!account.imported) {
                twilio.closeSubaccount(account.subaccountSid);
            }
            tenantScope.run(tenantId, () -> TwilioAccount.<TwilioAccount>findById(account.id).status = "closed");
        }
    }
}
