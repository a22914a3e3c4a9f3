package com.callaback.simulator;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.telephony.BusinessHours;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

/**
 * Places a simulated call to a business's number with a chosen outcome, driving the platform's real voice webhooks
 * with real signatures in the order Twilio calls them, and says when the business's routing overrode the outcome.
 */
@ApplicationScoped
public class SimulatedCalls {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm", Locale.US);

    @Inject
    TenantScope tenantScope;
    @Inject
    SimulatorService simulator;
    @Inject
    SimulatorWebhookClient webhooks;

    /** Each webhook request made, in order, with its answer; and why the chosen outcome did not happen, or null. */
    public record Result(String caller, List<SimulatorWebhookClient.Answer> steps, String override) {
    }

    public Result place(UUID tenantId, CallForm form) {
        CallForm.Valid call = form.validated();
        SimulatorService.Line line = simulator.line(tenantId, call.numberId());
        String callSid = SimulatedTwilioApi.newSid("CA");
        String token = line.account().authToken();
        List<SimulatorWebhookClient.Answer> steps = new ArrayList<>();
        Map<String, String> params = callParams(line, callSid, call.caller());
        SimulatorWebhookClient.Answer first = webhooks.post("/api/twilio/incoming-call", token, params);
        steps.add(first);
        if (first.status() != 200) {
            return new Result(call.caller(), steps, null);
        }
        // The platform decides dial or voicemail; the outcome only plays out on a call it dialled.
        boolean dialled = first.body().contains("<Dial");
        SimulatedOutcome outcome = call.outcome();
        if (dialled) {
            Map<String, String> leg = childLeg(line, callSid);
            if (outcome == SimulatedOutcome.ANSWERED || outcome == SimulatedOutcome.VOICEMAIL) {
                steps.add(webhooks.post("/api/twilio/screen?parent=" + callSid, token, leg));
                // A person who answers presses 1 at the screening prompt; the team phone's voicemail presses nothing.
                if (outcome == SimulatedOutcome.ANSWERED) {
                    leg.put("Digits", "1");
                }
                steps.add(webhooks.post("/api/twilio/screen-result?parent=" + callSid, token, leg));
                steps.add(webhooks.post("/api/twilio/dial-status", token, dialStatus(params, "completed")));
            } else {
                steps.add(webhooks.post("/api/twilio/dial-status", token, dialStatus(params, outcome.value())));
            }
        }
        if (outcome == SimulatedOutcome.VOICEMAIL) {
            Map<String, String> recording = new LinkedHashMap<>();
            recording.put("AccountSid", line.account().accountSid());
            recording.put("CallSid", callSid);
            recording.put("RecordingSid", SimulatedTwilioApi.newSid("RE"));
            // Served by SimulatedRecordingResource; relative, so the page plays it whatever host the app runs on.
            recording.put("RecordingUrl", "/simulator/twilio/recordings/" + callSid);
            recording.put("RecordingStatus", "completed");
            recording.put("RecordingDuration", "12");
            steps.add(webhooks.post("/api/twilio/recording", token, recording));
            steps.add(webhooks.post("/api/twilio/voicemail-done", token, params));
        }
        return new Result(call.caller(), steps, dialled ? null : whyVoicemail(tenantId, outcome));
    }

    /** The two reasons the platform sends a call to voicemail without dialling, in the business's own terms. */
    private String whyVoicemail(UUID tenantId, SimulatedOutcome outcome) {
        String result = outcome == SimulatedOutcome.VOICEMAIL
                ? "the call went straight to voicemail without ringing the team."
                : "the call went to voicemail instead of “" + outcome.label() + "”.";
        return tenantScope.call(tenantId, () -> {
            Tenant tenant = Tenant.findById(tenantId);
            if (tenant.forwardingPhone == null) {
                return "No forwarding phone is set, so there is no one to ring: " + result;
            }
            return "Outside business hours (" + hoursToday(tenant) + "): " + result;
        });
    }

    private static String hoursToday(Tenant tenant) {
        ZoneId zone = ZoneId.of(tenant.timezone);
        ZonedDateTime now = ZonedDateTime.now(zone);
        DayOfWeek day = now.getDayOfWeek();
        String dayName = day.getDisplayName(TextStyle.SHORT, Locale.US);
        String hours;
        try {
            hours = BusinessHours.parse(tenant.businessHours).describe(day);
        } catch (IllegalArgumentException e) {
            hours = "not readable";
        }
        return dayName + " " + hours + " " + zone.getId() + ", it is " + CLOCK.format(now) + " there";
    }

    private static Map<String, String> callParams(SimulatorService.Line line, String callSid, String caller) {
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

    private static Map<String, String> childLeg(SimulatorService.Line line, String parentSid) {
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
