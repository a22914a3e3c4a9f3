package com.callaback.telephony;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import com.callaback.tenant.TenantScope;
import com.callaback.web.PlatformConfig;
import com.twilio.security.RequestValidator;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Admits a Twilio webhook: finds the business (by the dialled number, or by the subaccount for callbacks that
 * have none), then checks that the request came from that business's subaccount and carries a valid
 * {@code X-Twilio-Signature} over the public URL. Nothing is written before this passes.
 */
@ApplicationScoped
public class TwilioWebhookGuard {

    private static final Logger LOG = Logger.getLogger(TwilioWebhookGuard.class);

    @Inject
    EntityManager em;
    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    PlatformConfig platform;

    /** A verified webhook: the business it belongs to, and the number it was sent to when known. */
    public record Verified(UUID tenantId, UUID phoneNumberId) {
    }

    public Verified byDialledNumber(TwilioRequest request) {
        String to = request.requiredTwilioNumber("To");
        Optional<UUID[]> route = route("select tenant_id, phone_number_id from route_phone_number(?1)", to);
        if (route.isEmpty()) {
            LOG.warnf("Twilio webhook %s for unknown number %s ignored", request.path(), to);
            throw new NotFoundException("Unknown number");
        }
        return verify(route.get()[0], route.get()[1], request);
    }

    public Verified bySubaccount(TwilioRequest request) {
        String accountSid = request.required("AccountSid", TwilioRequest.ACCOUNT_SID);
        Optional<UUID[]> route = route("select tenant_id, twilio_account_id from route_twilio_account(?1)", accountSid);
        if (route.isEmpty()) {
            LOG.warnf("Twilio webhook %s from unknown account %s ignored", request.path(), accountSid);
            throw new NotFoundException("Unknown account");
        }
        return verify(route.get()[0], null, request);
    }

    private Verified verify(UUID tenantId, UUID phoneNumberId, TwilioRequest request) {
        TwilioGateway.Credentials account = tenantScope.call(tenantId, () -> credentials.forNumber(phoneNumberId));
        if (account == null || !account.accountSid().equals(request.param("AccountSid"))) {
            LOG.warnf("Twilio webhook %s: AccountSid does not match the number's subaccount", request.path());
            throw new ForbiddenException("Request is not from this number's Twilio account");
        }
        String url = platform.publicBaseUrl() + request.path()
                + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
        if (request.signature() == null
                || !new RequestValidator(account.authToken()).validate(url, request.params(), request.signature())) {
            LOG.warnf("Twilio webhook %s: invalid or missing X-Twilio-Signature", request.path());
            throw new ForbiddenException("Invalid Twilio signature");
        }
        return new Verified(tenantId, phoneNumberId);
    }

    /** Routing reads ids through a SECURITY DEFINER function, before any tenant is set. */
    private Optional<UUID[]> route(String sql, String key) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql)
                .setParameter(1, key).getResultList());
        return rows.stream().findFirst().map(r -> {
            Object[] row = (Object[]) r;
            return new UUID[] { (UUID) row[0], (UUID) row[1] };
        });
    }
}
