package com.callaback.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Form parameters of the webhooks Twilio sends, for a call or text to a test business. */
public final class TwilioCalls {

    private TwilioCalls() {
    }

    public static String callSid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    public static String messageSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    public static Map<String, String> incomingCall(Fixtures.TwilioBusiness business, String callSid, String from) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", business.accountSid());
        p.put("CallSid", callSid);
        p.put("From", from);
        p.put("To", business.number());
        p.put("CallStatus", "ringing");
        p.put("Direction", "inbound");
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    public static Map<String, String> dialStatus(Fixtures.TwilioBusiness business, String callSid, String from,
            String dialCallStatus) {
        Map<String, String> p = incomingCall(business, callSid, from);
        p.put("CallStatus", "in-progress");
        p.put("DialCallStatus", dialCallStatus);
        return p;
    }

    public static Map<String, String> incomingSms(Fixtures.TwilioBusiness business, String messageSid, String from,
            String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", business.accountSid());
        p.put("MessageSid", messageSid);
        p.put("SmsSid", messageSid);
        p.put("From", from);
        p.put("To", business.number());
        p.put("Body", body);
        p.put("NumMedia", "0");
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    public static Map<String, String> status(Fixtures.TwilioBusiness business, String messageSid, String status,
            String to) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", business.accountSid());
        p.put("MessageSid", messageSid);
        p.put("SmsSid", messageSid);
        p.put("MessageStatus", status);
        p.put("SmsStatus", status);
        p.put("From", business.number());
        p.put("To", to);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }
}
