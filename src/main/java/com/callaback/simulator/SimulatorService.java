package com.callaback.simulator;

import java.util.ArrayList;
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
 * Plays a caller's phone against a business's number: places a call with a chosen outcome, or sends a text, by
 * driving the platform's real webhooks with real signatures, as Twilio would.
 */
@ApplicationScoped
public class SimulatorService {

    /** What happens to a simulated call. */
    public static final Set<String> OUTCOMES = Set.of("answered", "no-answer", "busy", "voicemail");

    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    SimulatorWebhookClient webhooks;

    private record Line(PhoneNumber number, TwilioGateway.Credentials account) {
    }

    /** Returns each webhook call made and its answer, in order. */
    public List<SimulatorWebhookClient.Answer> placeCall(UUID tenantId, UUID numberId, String callerRaw,
            String outcome) {
        if (!OUTCOMES.contains(outcome)) {
            throw new InvalidInputException("outcome", "Choose answered, no-answer, busy or voicemail.");
        }
        String caller = caller(callerRaw);
        Line line = line(tenantId, numberId);
        String callSid = SimulatedTwilioApi.newSid("CA");
        String token = line.account().authToken();
        List<SimulatorWebhookClient.Answer> steps = new ArrayList<>();
        Map<String, String> call = callParams(line, callSid, caller);
        SimulatorWebhookClient.Answer first = webhooks.post("/api/twilio/incoming-call", token, call);
        steps.add(first);
        if (first.status() != 200) {
            return steps;
        }
        boolean dialled = first.body().contains("<Dial");
        if (dialled) {
            Map<String, String> leg = childLeg(line, callSid);
            if ("answered".equals(outcome)) {
                steps.add(webhooks.post("/api/twilio/screen?parent=" + callSid, token, leg));
                leg.put("Digits", "1");
                steps.add(webhooks.post("/api/twilio/screen-result?parent=" + callSid, token, leg));
                steps.add(webhooks.post("/api/twilio/dial-status", token, dialStatus(call, "completed")));
                return steps;
            }
            if ("voicemail".equals(outcome)) {
                // The team phone's own voicemail picks up: it presses nothing at the screening prompt.
                steps.add(webhooks.post("/api/twilio/screen?parent=" + callSid, token, leg));
                steps.add(webhooks.post("/api/twilio/screen-result?parent=" + callSid, token, leg));
                steps.add(webhooks.post("/api/twilio/dial-status", token, dialStatus(call, "completed")));
            } else {
                steps.add(webhooks.post("/api/twilio/dial-status", token, dialStatus(call, outcome)));
            }
        }
        if ("voicemail".equals(outcome)) {
            Map<String, String> recording = new LinkedHashMap<>();
            recording.put("AccountSid", line.account().accountSid());
            recording.put("CallSid", callSid);
            recording.put("RecordingSid", SimulatedTwilioApi.newSid("RE"));
            recording.put("RecordingUrl", "https://simulator.invalid/recordings/" + callSid);
            recording.put("RecordingStatus", "completed");
            recording.put("RecordingDuration", "12");
            steps.add(webhooks.post("/api/twilio/recording", token, recording));
            steps.add(webhooks.post("/api/twilio/voicemail-done", token, call));
        }
        return steps;
    }

    /** The caller texts the business's number; the phone keeps what it sent. */
    public SimulatorWebhookClient.Answer sendText(UUID tenantId, UUID numberId, String callerRaw, String body) {
        String caller = caller(callerRaw);
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "Write the text to send.");
        }
        Line line = line(tenantId, numberId);
        String sid = SimulatedMessages.newInboundSid();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", line.account().accountSid());
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("From", caller);
        params.put("To", line.number().e164);
        params.put("Body", body);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        params.put("ApiVersion", "2010-04-01");
        SimulatorWebhookClient.Answer answer = webhooks.post("/api/twilio/incoming-sms", line.account().authToken(),
                params);
        tenantScope.run(tenantId, () -> {
            SimulatorMessage message = new SimulatorMessage();
            message.messageSid = sid;
            message.direction = "from_caller";
            message.callerPhone = caller;
            message.businessPhone = line.number().e164;
            message.body = body;
            message.status = answer.status() == 200 ? "delivered" : "failed";
            message.persist();
        });
        return answer;
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
    public String failureMode(UUID tenantId, String callerRaw) {
        String caller = caller(callerRaw);
        return tenantScope.call(tenantId, () -> SimulatorPhone.failureModeOf(caller).orElse(""));
    }

    public List<SimulatorMessage> phone(UUID tenantId, String callerRaw) {
        String caller = caller(callerRaw);
        return tenantScope.call(tenantId, () -> SimulatorMessage.thread(caller));
    }

    private Line line(UUID tenantId, UUID numberId) {
        return tenantScope.call(tenantId, () -> {
            PhoneNumber number = numberId == null ? null : PhoneNumber.findById(numberId);
            if (number == null || !"active".equals(number.status)) {
                throw new NotFoundException("No active number of this business with that id");
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

    private static Map<String, String> callParams(Line line, String callSid, String caller) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", line.account().accountSid());
        p.put("CallSid", callSid);
        p.put("From", caller);
        p.put("To", line.number().e164);
        p.put("CallStatus", "ringing");
        p.put("Direction", "inbound");
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    private static Map<String, String> dialStatus(Map<String, String> call, String status) {
        Map<String, String> p = new LinkedHashMap<>(call);
        p.put("CallStatus", "in-progress");
        p.put("DialCallStatus", status);
        return p;
    }

    private static Map<String, String> childLeg(Line line, String parentSid) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", line.account().accountSid());
        p.put("CallSid", SimulatedTwilioApi.newSid("CA"));
        p.put("ParentCallSid", parentSid);
        p.put("From", line.number().e164);
        p.put("CallStatus", "in-progress");
        p.put("Direction", "outbound-dial");
        return p;
    }
}
