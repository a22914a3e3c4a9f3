package com.callaback.telephony;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.security.SecretBinding;
import com.callaback.security.SecretCipher;
import com.callaback.tenant.TenantContext;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;

/**
 * A business's Twilio subaccount credentials. Tokens are stored encrypted, bound to the business and subaccount;
 * decrypted ones are kept in a small bounded cache keyed by the business, the subaccount and their stored (encrypted)
 * form, so a rotated token is a different key, a copied one is checked again, and nothing is
 * served stale, and a released or moved number is never looked up in the cache at all (routing reads the
 * database every time).
 */
@ApplicationScoped
public class TwilioAccountCredentials {

    @Inject
    SecretCipher cipher;
    @Inject
    EntityManager em;
    @Inject
    TenantContext tenant;
    @Inject
    @CacheName("twilio-tokens")
    Cache tokens;

    /**
     * The subaccount of a number (or the business's one active subaccount), with its token decrypted; runs in the
     * current tenant. Null when there is none with a token.
     */
    public TwilioGateway.Credentials forNumber(UUID phoneNumberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select a.subaccount_sid, a.auth_token_encrypted "
                + "from twilio_accounts a left join phone_numbers p on p.id = cast(?1 as uuid) "
                + "where a.auth_token_encrypted is not null "
                + "and (a.id = p.twilio_account_id or (p.twilio_account_id is null and a.status = 'active')) "
                + "order by a.id = p.twilio_account_id desc nulls last, a.created_at limit 1")
                .setParameter(1, phoneNumberId).getResultList();
        return rows.isEmpty() ? null : decrypted((String) rows.get(0)[0], (String) rows.get(0)[1]);
    }

    /** The credentials behind a stored token of the current business. */
    public TwilioGateway.Credentials decrypted(String accountSid, String encryptedToken) {
        return decrypted(tenant.require(), accountSid, encryptedToken);
    }

    /** The credentials behind a stored token of the given business, decrypted once per stored form and owner. */
    public TwilioGateway.Credentials decrypted(UUID tenantId, String accountSid, String encryptedToken) {
        SecretBinding binding = SecretBinding.twilioToken(tenantId, accountSid);
        String token = tokens.get(tenantId + "|" + accountSid + "|" + encryptedToken,
                key -> cipher.decrypt(encryptedToken, binding)).await().indefinitely();
        return new TwilioGateway.Credentials(accountSid, token);
    }

    /** The stored form of a subaccount token of the current business. */
    public String sealed(String subaccountSid, String authToken) {
        return cipher.encrypt(authToken, SecretBinding.twilioToken(tenant.require(), subaccountSid));
    }

    /** Stores a subaccount for the current business, encrypting its token. */
    public TwilioAccount store(String subaccountSid, String authToken, String friendlyName, boolean simulated) {
        TwilioAccount account = new TwilioAccount();
        account.subaccountSid = subaccountSid;
        account.authTokenEncrypted = sealed(subaccountSid, authToken);
        account.friendlyName = friendlyName;
        account.simulated = simulated;
        account.persist();
        return account;
    }
}
