package com.callaback.telephony;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.web.PlatformConfig;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;

/**
 * The TwiML documents Callaback answers Twilio with; every callback URL is absolute on the public base URL.
 * <p>
 * The SDK builds each document through a new DOM and XSLT transformer, which costs more than the rest of a
 * webhook, so each distinct document is built once and kept: per call only the CallSid differs, and it is put
 * into a document built with a placeholder (a CallSid is 34 letters and digits: nothing to escape).
 */
@ApplicationScoped
public class TwimlResponses {

    /** A syntactically valid CallSid that no call has: stands in for the real one in kept documents. */
    private static final String CALL_SID_SLOT = "CA00000000000000000000000000000000";

    @Inject
    PlatformConfig platform;
    @Inject
    @CacheName("twiml")
    Cache documents;
    @Inject
    TwilioConfig twilio;

    /** Ring the forwarding phone; the answering side must press a key (screening) for the call to count. */
    public String dial(String forwardingPhone, String callSid) {
        return kept("dial", forwardingPhone, () -> buildDial(forwardingPhone)).replace(CALL_SID_SLOT, callSid);
    }

    private String buildDial(String forwardingPhone) {
        Number number = new Number.Builder(forwardingPhone).url(url("/api/twilio/screen?parent=" + CALL_SID_SLOT))
                .build();
        Dial dial = new Dial.Builder().action(url("/api/twilio/dial-status")).timeout(twilio.dialTimeoutSeconds())
                .answerOnBridge(true).number(number).build();
        return new VoiceResponse.Builder().dial(dial).build().toXml();
    }

    /** The business's own greeting (or the standard one naming it when it has none), then a voicemail recording. */
    public String voicemail(String businessName, String customGreeting) {
        return kept("voicemail", businessName + "\u0000" + customGreeting,
                () -> buildVoicemail(businessName, customGreeting));
    }

    private String buildVoicemail(String businessName, String customGreeting) {
        String words = customGreeting == null || customGreeting.isBlank()
                ? "Thanks for calling " + businessName + ". We can't take your call right now. "
                        + "Please leave a message after the tone, and we'll text you back shortly."
                : customGreeting;
        Say greeting = new Say.Builder(words).build();
        Record record = new Record.Builder().action(url("/api/twilio/voicemail-done"))
                .recordingStatusCallback(url("/api/twilio/recording")).maxLength(twilio.voicemailMaxSeconds())
                .playBeep(true).build();
        return new VoiceResponse.Builder().say(greeting).record(record).build().toXml();
    }

    /** Played to the person who picks up the forwarded call; a voicemail box presses nothing. */
    public String screen(String parentCallSid) {
        return kept("screen", "", this::buildScreen).replace(CALL_SID_SLOT, parentCallSid);
    }

    private String buildScreen() {
        Gather gather = new Gather.Builder().numDigits(1).timeout(8)
                .action(url("/api/twilio/screen-result?parent=" + CALL_SID_SLOT))
                .say(new Say.Builder("You have a customer call from Callaback. Press any key to accept.").build())
                .build();
        return new VoiceResponse.Builder().gather(gather).hangup(new Hangup.Builder().build()).build().toXml();
    }

    /** An empty document: for a screened call it connects the two legs. */
    public String proceed() {
        return kept("proceed", "", () -> new VoiceResponse.Builder().build().toXml());
    }

    /** What a caller hears when this platform cannot be reached: no business data needed. */
    public String apology() {
        return kept("apology", "", () -> new VoiceResponse.Builder()
                .say(new Say.Builder("Sorry, we can't take your call right now. Please try again in a few minutes.")
                        .build())
                .hangup(new Hangup.Builder().build()).build().toXml());
    }

    public String hangup() {
        return kept("hangup", "", () -> new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml());
    }

    /** Replies to texts go through the outbox, so an inbound text is answered with an empty document. */
    public String emptyMessaging() {
        return kept("emptyMessaging", "", () -> new MessagingResponse.Builder().build().toXml());
    }

    private String kept(String kind, String key, Supplier<String> build) {
        return documents.get(kind + "\u0000" + key, k -> build.get()).await().indefinitely();
    }

    private String url(String path) {
        return platform.publicBaseUrl() + path;
    }
}
