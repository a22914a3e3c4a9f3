package com.callaback.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;

import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioEndpoint;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The behaviour behind the simulator's fake Twilio REST API: authentication like Twilio's (HTTP Basic with the
 * account SID and auth token) and Twilio-shaped answers and errors.
 */
@ApplicationScoped
public class SimulatedTwilioApi {

    @Inject
    EntityManager em;
    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioAccountCredentials credentials;

    /** The business a subaccount belongs to, once its credentials checked out. */
    public record Caller(UUID tenantId, TwilioGateway.Credentials account) {
    }

    public static String newSid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    public boolean isMaster(String authorization) {
        return TwilioEndpoint.SIMULATED_MASTER.equals(basic(authorization).orElse(null));
    }

    /** Authenticates a call on a subaccount: its own SID and token. Empty when unknown or wrong. */
    public Optional<Caller> subaccount(String accountSid, String authorization) {
        Optional<TwilioGateway.Credentials> given = basic(authorization);
        if (given.isEmpty() || !given.get().accountSid().equals(accountSid)) {
            return Optional.empty();
        }
        List<?> route = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select tenant_id from route_twilio_account(?1)").setParameter(1, accountSid)
                .getResultList());
        if (route.isEmpty()) {
            return Optional.empty();
        }
        UUID tenantId = (UUID) route.get(0);
        TwilioGateway.Credentials stored = tenantScope.call(tenantId, () -> credentials.forNumber(null));
        if (stored == null || !stored.equals(given.get())) {
            return Optional.empty();
        }
        return Optional.of(new Caller(tenantId, stored));
    }

    /** Numbers sold in the last minute: bought, but perhaps not recorded by the business that bought them yet. */
    private final Map<String, Instant> recentlySold = new HashMap<>();

    /**
     * The number a purchase gets: the one asked for or, when another business bought it a moment ago (sign-ups
     * provisioned at once find the same free numbers), the next free one of its area code; empty when none is
     * left. Twilio would refuse the second purchase (error 21422); the simulator keeps the demo going instead.
     */
    public synchronized Optional<String> sell(String requested) {
        Instant now = Instant.now();
        recentlySold.values().removeIf(at -> at.isBefore(now.minusSeconds(60)));
        String number = requested;
        if (recentlySold.containsKey(requested) && requested.startsWith("+1") && requested.length() == 12) {
            number = freeNumbers(requested.substring(2, 5), 100).stream().filter(n -> !recentlySold.containsKey(n))
                    .findFirst().orElse(null);
        }
        if (number == null || recentlySold.containsKey(number)) {
            return Optional.empty();
        }
        recentlySold.put(number, now);
        return Optional.of(number);
    }

    /** Numbers in the fictional 555-0100..0199 range of an area code that nobody uses yet. */
    public List<String> freeNumbers(String areaCode, int limit) {
        List<String> free = new ArrayList<>();
        for (int line = 100; line < 200 && free.size() < limit; line++) {
            String candidate = "+1" + areaCode + "5550" + line;
            boolean taken = !QuarkusTransaction.requiringNew().call(() -> em
                    .createNativeQuery("select tenant_id from route_phone_number(?1)").setParameter(1, candidate)
                    .getResultList()).isEmpty();
            if (!taken) {
                free.add(candidate);
            }
        }
        return free;
    }

    /** A Twilio list page: the items under {@code key} with the paging fields the SDK reads. */
    public static Map<String, Object> page(String key, String uri, List<?> items) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(key, items);
        page.put("uri", uri);
        page.put("first_page_uri", uri);
        page.put("next_page_uri", null);
        page.put("previous_page_uri", null);
        page.put("page", 0);
        page.put("page_size", 50);
        page.put("start", 0);
        page.put("end", items.size());
        return page;
    }

    public static Response error(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return Response.status(status).type("application/json").entity(body).build();
    }

    public static Response unauthorized() {
        return error(401, 20003, "Authenticate");
    }

    private static Optional<TwilioGateway.Credentials> basic(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new TwilioGateway.Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
