package com.callaback.telephony;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.callaback.messaging.DeliveryStatusService;
import com.callaback.messaging.InboundSmsService;
import com.callaback.web.InvalidInputException;

/**
 * Twilio's webhooks for every business's numbers. Each request is admitted by {@link TwilioWebhookGuard}
 * (routing, subaccount, signature) before anything is read or written; each is idempotent under replay.
 */
@Path("/api/twilio")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TwilioWebhookResource {

    private static final String TWIML = "application/xml";

    @Inject
    TwilioWebhookGuard guard;
    @Inject
    CallFlowService calls;
    @Inject
    InboundSmsService inboundSms;
    @Inject
    DeliveryStatusService deliveryStatus;
    @Inject
    TwimlResponses twiml;

    @POST
    @Path("/incoming-call")
    @Produces(TWIML)
    public String incomingCall(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        TwilioRequest request = request(uri, signature, form);
        return calls.incomingCall(guardedCall(request, guard.byDialledNumber(request)));
    }

    @POST
    @Path("/dial-status")
    @Produces(TWIML)
    public String dialStatus(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        TwilioRequest request = request(uri, signature, form);
        TwilioGuardedCall call = guardedCall(request, guard.byDialledNumber(request));
        return calls.dialStatus(call, request.required("DialCallStatus"));
    }

    @POST
    @Path("/screen")
    @Produces(TWIML)
    public String screen(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        TwilioRequest request = request(uri, signature, form);
        guard.bySubaccount(request);
        return twiml.screen(parentCallSid(uri));
    }

    @POST
    @Path("/screen-result")
    @Produces(TWIML)
    public String screenResult(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        TwilioRequest request = request(uri, signature, form);
        TwilioWebhookGuard.Verified verified = guard.bySubaccount(request);
        if (request.param("Digits") == null) {
            return twiml.hangup();
        }
        calls.screened(verified.tenantId(), parentCallSid(uri));
        return twiml.proceed();
    }

    @POST
    @Path("/voicemail-done")
    @Produces(TWIML)
    public String voicemailDone(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        guard.bySubaccount(request(uri, signature, form));
        return twiml.hangup();
    }

    @POST
    @Path("/recording")
    public Response recording(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        TwilioRequest request = request(uri, signature, form);
        TwilioWebhookGuard.Verified verified = guard.bySubaccount(request);
        String callSid = request.required("CallSid", TwilioRequest.CALL_SID);
        String recordingUrl = request.required("RecordingUrl");
        calls.recording(verified.tenantId(), callSid, recordingUrl, wholeNumber(request, "RecordingDuration"));
        return Response.noContent().build();
    }

    @POST
    @Path("/incoming-sms")
    @Produces(TWIML)
    public String incomingSms(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        TwilioRequest request = request(uri, signature, form);
        TwilioWebhookGuard.Verified verified = guard.byDialledNumber(request);
        inboundSms.receive(verified.tenantId(), verified.phoneNumberId(), request);
        return twiml.emptyMessaging();
    }

    @POST
    @Path("/status")
    public Response messageStatus(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        TwilioRequest request = request(uri, signature, form);
        TwilioWebhookGuard.Verified verified = guard.bySubaccount(request);
        deliveryStatus.statusCallback(verified.tenantId(), request.required("MessageSid", TwilioRequest.MESSAGE_SID),
                request.required("MessageStatus"), request.param("ErrorCode"));
        return Response.noContent().build();
    }

    /** The number's call status callback: a call's final duration. */
    @POST
    @Path("/call-status")
    public Response callStatus(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        TwilioRequest request = request(uri, signature, form);
        TwilioWebhookGuard.Verified verified = guard.bySubaccount(request);
        calls.ended(verified.tenantId(), request.required("CallSid", TwilioRequest.CALL_SID),
                wholeNumber(request, "CallDuration"));
        return Response.noContent().build();
    }

    /**
     * Twilio calls the fallback URLs when the primary ones fail (this platform is down or erroring). They must
     * work without the database, so they answer a fixed apology and reveal nothing.
     */
    @POST
    @Path("/fallback/voice")
    @Produces(TWIML)
    public String voiceFallback() {
        return twiml.apology();
    }

    @POST
    @Path("/fallback/sms")
    @Produces(TWIML)
    public String smsFallback() {
        return twiml.emptyMessaging();
    }

    private static TwilioGuardedCall guardedCall(TwilioRequest request, TwilioWebhookGuard.Verified verified) {
        // Withheld caller ids ("anonymous", "+266696687") still get the call routed, but cannot become contacts.
        String caller = PhoneNumberFormat.fromTwilio(request.required("From")).orElse(null);
        return new TwilioGuardedCall(verified.tenantId(), verified.phoneNumberId(),
                request.required("CallSid", TwilioRequest.CALL_SID), caller);
    }

    private static String parentCallSid(UriInfo uri) {
        String parent = uri.getQueryParameters().getFirst("parent");
        if (parent == null || !TwilioRequest.CALL_SID.matcher(parent).matches()) {
            throw new InvalidInputException("parent", "must be the CallSid of the forwarded call");
        }
        return parent;
    }

    private static Integer wholeNumber(TwilioRequest request, String name) {
        String value = request.param(name);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a whole number");
        }
    }

    private static TwilioRequest request(UriInfo uri, String signature, MultivaluedMap<String, String> form) {
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        return new TwilioRequest(uri.getRequestUri().getRawPath(), uri.getRequestUri().getRawQuery(), params,
                signature);
    }
}
