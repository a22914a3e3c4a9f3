package com.callaback.telephony;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.callaback.messaging.DeliveryStatusService;
import com.callaback.messaging.InboundSmsService;
import com.callaback.web.InvalidInputException;

/**
 * Twilio's webhooks for every business's numbers. Each request has been admitted by
 * {@link TwilioWebhookAdmission} (routing, subaccount, signature; the tenant set) before its method runs; each is
 * idempotent under replay.
 */
@Path("/api/twilio")
@TwilioWebhook
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TwilioWebhookResource {

    private static final String TWIML = "application/xml";

    @Inject
    AdmittedWebhook webhook;
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
    @RoutedByDialledNumber
    public String incomingCall() {
        return calls.incomingCall(webhook.call());
    }

    @POST
    @Path("/dial-status")
    @Produces(TWIML)
    @RoutedByDialledNumber
    public String dialStatus() {
        return calls.dialStatus(webhook.call(), webhook.request().required("DialCallStatus"));
    }

    @POST
    @Path("/screen")
    @Produces(TWIML)
    public String screen(@QueryParam("parent") String parent) {
        return twiml.screen(parentCallSid(parent));
    }

    @POST
    @Path("/screen-result")
    @Produces(TWIML)
    public String screenResult(@QueryParam("parent") String parent) {
        if (webhook.request().param("Digits") == null) {
            return twiml.hangup();
        }
        calls.screened(parentCallSid(parent));
        return twiml.proceed();
    }

    @POST
    @Path("/voicemail-done")
    @Produces(TWIML)
    public String voicemailDone() {
        return twiml.hangup();
    }

    @POST
    @Path("/recording")
    public Response recording() {
        TwilioRequest request = webhook.request();
        calls.recording(request.required("CallSid", TwilioRequest.CALL_SID), request.required("RecordingUrl"),
                wholeNumber(request, "RecordingDuration"));
        return Response.noContent().build();
    }

    @POST
    @Path("/incoming-sms")
    @Produces(TWIML)
    @RoutedByDialledNumber
    public String incomingSms() {
        inboundSms.receive(webhook.phoneNumberId(), webhook.request());
        return twiml.emptyMessaging();
    }

    @POST
    @Path("/status")
    public Response messageStatus() {
        TwilioRequest request = webhook.request();
        deliveryStatus.statusCallback(request.required("MessageSid", TwilioRequest.MESSAGE_SID),
                request.required("MessageStatus"), request.param("ErrorCode"));
        return Response.noContent().build();
    }

    /** The number's call status callback: a call's final duration. */
    @POST
    @Path("/call-status")
    public Response callStatus() {
        TwilioRequest request = webhook.request();
        calls.ended(request.required("CallSid", TwilioRequest.CALL_SID), wholeNumber(request, "CallDuration"));
        return Response.noContent().build();
    }

    private static String parentCallSid(String parent) {
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
}
