package com.callaback.telephony;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/** The Twilio webhook of the current request once admitted: its parameters and the business it belongs to. */
@RequestScoped
public class AdmittedWebhook {

    private TwilioRequest request;
    private UUID tenantId;
    private UUID phoneNumberId;

    void admit(TwilioRequest request, UUID tenantId, UUID phoneNumberId) {
        this.request = request;
        this.tenantId = tenantId;
        this.phoneNumberId = phoneNumberId;
    }

    public TwilioRequest request() {
        if (request == null) {
            throw new IllegalStateException("No Twilio webhook was admitted in this request");
        }
        return request;
    }

    public UUID tenantId() {
        request();
        return tenantId;
    }

    /** The business's number the webhook was sent to; null for webhooks routed by the subaccount. */
    public UUID phoneNumberId() {
        request();
        return phoneNumberId;
    }

    /** The call this voice webhook is about; a withheld caller id gives a null caller. */
    public TwilioGuardedCall call() {
        // Withheld caller ids ("anonymous", "+266696687") still get the call routed, but cannot become contacts.
        String caller = PhoneNumberFormat.fromTwilio(request().required("From")).orElse(null);
        return new TwilioGuardedCall(tenantId, phoneNumberId, request.required("CallSid", TwilioRequest.CALL_SID),
                caller);
    }
}
