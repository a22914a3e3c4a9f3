package com.callaback.simulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.callaback.tenant.TenantScope;

/**
 * Texts the platform sends while on the simulator: kept for the simulated phone, then answered with status
 * callbacks as Twilio would (sent, then delivered; or undelivered 30003 when that phone is set to fail, or an
 * immediate 21610 refusal when it is set to be opted out).
 */
@ApplicationScoped
public class SimulatedMessages {

    private static final Logger LOG = Logger.getLogger(SimulatedMessages.class);
    private static final BigDecimal PRICE_PER_SEGMENT = new BigDecimal("0.0079");

    private final ScheduledExecutorService callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "simulator-callbacks");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    TenantScope tenantScope;
    @Inject
    SimulatorWebhookClient webhooks;

    public Response accept(SimulatedTwilioApi.Caller caller, MultivaluedMap<String, String> form) {
        String to = form.getFirst("To");
        String from = form.getFirst("From");
        String body = form.getFirst("Body") == null ? "" : form.getFirst("Body");
        if (to == null || from == null) {
            return SimulatedTwilioApi.error(400, 21604, "A 'To' and a 'From' phone number are required.");
        }
        String failure = tenantScope.call(caller.tenantId(), () -> SimulatorPhone.failureModeOf(to).orElse(null));
        if ("21610".equals(failure)) {
            return SimulatedTwilioApi.error(400, 21610, "Attempt to send to unsubscribed recipient");
        }
        String sid = SimulatedTwilioApi.newSid("SM");
        tenantScope.run(caller.tenantId(), () -> {
            SimulatorMessage message = new SimulatorMessage();
            message.messageSid = sid;
            message.direction = SimulatorMessage.TO_CALLER;
            message.callerPhone = to;
            message.businessPhone = from;
            message.body = body;
            message.status = "queued";
            message.persist();
        });
        String callback = form.getFirst("StatusCallback");
        boolean unreachable = "30003".equals(failure);
        callbacks.schedule(() -> report(caller, sid, to, from, callback, "sent", null), 300, TimeUnit.MILLISECONDS);
        callbacks.schedule(() -> report(caller, sid, to, from, callback, unreachable ? "undelivered" : "delivered",
                unreachable ? "30003" : null), 900, TimeUnit.MILLISECONDS);
        Map<String, Object> json = message(caller.account().accountSid(), sid, "queued", to, from, body, null, null);
        return Response.status(201).entity(json).build();
    }

    public Response describe(SimulatedTwilioApi.Caller caller, String sid) {
        SimulatorMessage message = tenantScope.call(caller.tenantId(),
                () -> SimulatorMessage.<SimulatorMessage>find("messageSid", sid).firstResult());
        if (message == null) {
            return SimulatedTwilioApi.error(404, 20404, "The requested resource was not found");
        }
        String price = PRICE_PER_SEGMENT.multiply(BigDecimal.valueOf(message.segments())).negate().toPlainString();
        return Response.ok(message(caller.account().accountSid(), sid, message.status, message.callerPhone,
                message.businessPhone, message.body, price, message.errorCode)).build();
    }

    private void report(SimulatedTwilioApi.Caller caller, String sid, String to, String from, String callback,
            String status, String errorCode) {
        try {
            if (callback != null) {
                postStatus(caller, sid, to, from, callback, status, errorCode);
            }
            // The phone shows the status once the platform has been told, as a real handset would lag Twilio.
            tenantScope.run(caller.tenantId(), () -> {
                SimulatorMessage message = SimulatorMessage.find("messageSid", sid).firstResult();
                message.status = status;
                message.errorCode = errorCode;
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Simulated status callback %s for %s failed", status, sid);
        }
    }

    private void postStatus(SimulatedTwilioApi.Caller caller, String sid, String to, String from, String callback,
            String status, String errorCode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", caller.account().accountSid());
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("From", from);
        params.put("To", to);
        params.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        webhooks.postToCallback(callback, caller.account().authToken(), params);
    }

    private static Map<String, Object> message(String account, String sid, String status, String to, String from,
            String body, String price, String errorCode) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", sid);
        json.put("account_sid", account);
        json.put("status", status);
        json.put("to", to);
        json.put("from", from);
        json.put("body", body);
        json.put("num_segments", String.valueOf(body == null || body.length() <= 160 ? 1 : (body.length() + 152) / 153));
        json.put("price", price);
        json.put("price_unit", "USD");
        json.put("error_code", errorCode == null ? null : Integer.valueOf(errorCode));
        json.put("direction", "outbound-api");
        json.put("api_version", "2010-04-01");
        return json;
    }

    @PreDestroy
    void stop() {
        callbacks.shutdownNow();
    }

    /** Visible for the simulator page: a new inbound message id. */
    static String newInboundSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }
}
