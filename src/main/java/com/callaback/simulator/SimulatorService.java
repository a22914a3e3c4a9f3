package com.callaback.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.PhoneNumberFormat;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantScope;
import com.callaback.web.InvalidInputException;

/**
 * Plays a caller's phone against a business's numbers: sends the customer's texts through the real inbound-SMS
 * webhook, signed as Twilio signs it, and keeps what the phone shows.
 */
@ApplicationScoped
public class SimulatorService {

    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    SimulatorWebhookClient webhooks;

    /** One of the business's active numbers with the Twilio account that owns it. */
    record Line(PhoneNumber number, TwilioGateway.Credentials account) {
    }

    /** The caller texts the business's number; the phone keeps what it sent. Returns the caller's E.164 phone. */
    public String sendText(UUID tenantId, TextForm form) {
        TextForm.Valid text = form.validated();
        Line line = line(tenantId, text.numberId());
        String sid = SimulatedMessages.newInboundSid();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", line.account().accountSid());
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("From", text.caller());
        params.put("To", line.number().e164);
        params.put("Body", text.body());
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        params.put("ApiVersion", "2010-04-01");
        SimulatorWebhookClient.Answer answer = webhooks.post("/api/twilio/incoming-sms", line.account().authToken(),
                params);
        tenantScope.run(tenantId, () -> {
            SimulatorMessage message = new SimulatorMessage();
            message.messageSid = sid;
            message.direction = SimulatorMessage.FROM_CALLER;
            message.callerPhone = text.caller();
            message.businessPhone = line.number().e164;
            message.body = text.body();
            message.status = answer.status() == 200 ? "sent" : "failed";
            message.persist();
        });
        return text.caller();
    }

    /** Makes the next texts to this phone fail (30003 or 21610), or clears that with null. */
    public void setFailureMode(UUID tenantId, String callerRaw, String failureMode) {
        String caller = caller(callerRaw);
        String mode = failureMode == null || failureMode.isBlank() ? null : failureMode.strip();
        if (mode != null && !Set.of("30003", "21610").contains(mode)) {
            throw new InvalidInputException("failureMode", "Choose 30003 (unreachable) or 21610 (opted out), or none.");
        }
        tenantScope.run(tenantId, () -> {
            SimulatorPhone phone = SimulatorPhone.<SimulatorPhone>find("callerPhone", caller).firstResult();
            if (phone == null) {
                phone = new SimulatorPhone();
                phone.callerPhone = caller;
            }
            phone.failureMode = mode;
            phone.persist();
        });
    }

    /** How texts to this phone fail, or "" when they are delivered normally. */
    public String failureMode(UUID tenantId, String caller) {
        return tenantScope.call(tenantId, () -> SimulatorPhone.failureModeOf(caller).orElse(""));
    }

    /** The texts this business and the phone exchanged, oldest first. */
    public List<SimulatorMessage> messages(UUID tenantId, String caller) {
        return tenantScope.call(tenantId, () -> SimulatorMessage.thread(caller));
    }

    /** The number a reply goes to by default: the one the business last texted from, else its first number. */
    public String replyNumberId(UUID tenantId, String caller) {
        return tenantScope.call(tenantId, () -> SimulatorMessage.lastBusinessPhone(caller)
                .flatMap(PhoneNumber::findActiveByE164).filter(n -> n.simulated)
                .or(() -> PhoneNumber.listActive().stream().filter(n -> n.simulated).findFirst())
                .map(n -> n.id.toString()).orElse(""));
    }

    /** Only simulated numbers: a number bought from real Twilio is never driven by forged webhooks. */
    public List<PhoneNumber> numbers(UUID tenantId) {
        return tenantScope.call(tenantId, () -> PhoneNumber.listActive().stream().filter(n -> n.simulated).toList());
    }

    /** The simulated phones this business has talked to, most recent first. */
    public List<String> phones(UUID tenantId) {
        return tenantScope.call(tenantId, () -> SimulatorMessage.recentCallers(20));
    }

    /** A phone named in a path: a value that is no phone number is nothing to show (404). */
    public static String phoneInPath(String raw) {
        return PhoneNumberFormat.toE164(raw).orElseThrow(() -> new NotFoundException("No such phone"));
    }

    Line line(UUID tenantId, UUID numberId) {
        return tenantScope.call(tenantId, () -> {
            PhoneNumber number = numberId == null ? null : PhoneNumber.findById(numberId);
            if (number == null || !"active".equals(number.status) || !number.simulated) {
                throw new NotFoundException("No active simulated number of this business with that id");
            }
            TwilioGateway.Credentials account = credentials.forNumber(number.id);
            if (account == null) {
                throw new NotFoundException("This number has no Twilio account yet");
            }
            return new Line(number, account);
        });
    }

    private static String caller(String raw) {
        return PhoneNumberFormat.toE164(raw)
                .orElseThrow(() -> new InvalidInputException("caller", "Enter the caller's phone number."));
    }
}
