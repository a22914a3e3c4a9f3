package com.callaback.telephony;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads a business's Twilio subaccount credentials; runs inside a tenant scope, after the tenant is known. */
@ApplicationScoped
public class TwilioAccountCredentials {

    @Inject
    SecretCipher cipher;

    /** The subaccount of a number (or the business's one active subaccount), with its token decrypted. */
    public TwilioGateway.Credentials forNumber(UUID phoneNumberId) {
        PhoneNumber number = phoneNumberId == null ? null : PhoneNumber.findById(phoneNumberId);
        TwilioAccount account = number != null && number.twilioAccountId != null
                ? TwilioAccount.findById(number.twilioAccountId)
                : TwilioAccount.findActive().orElse(null);
        if (account == null || account.authTokenEncrypted == null) {
            return null;
        }
        return new TwilioGateway.Credentials(account.subaccountSid, cipher.decrypt(account.authTokenEncrypted));
    }

    /** Stores a subaccount for the current business, encrypting its token. */
    public TwilioAccount store(String subaccountSid, String authToken, String friendlyName, boolean simulated) {
        TwilioAccount account = new TwilioAccount();
        account.subaccountSid = subaccountSid;
        account.authTokenEncrypted = cipher.encrypt(authToken);
        account.friendlyName = friendlyName;
        account.simulated = simulated;
        account.persist();
        return account;
    }
}
