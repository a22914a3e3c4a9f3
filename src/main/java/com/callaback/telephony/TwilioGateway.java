package com.callaback.telephony;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.hc.core5.util.Timeout;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;

/**
 * The only class that calls Twilio's REST API (through the official SDK). Never called inside a database
 * transaction: callers commit their outbox row first.
 */
@ApplicationScoped
public class TwilioGateway {

    /** A subaccount's credentials, decrypted just for the call. */
    public record Credentials(String accountSid, String authToken) {
        @Override
        public String toString() {
            return "Credentials[" + accountSid + "]";
        }
    }

    /** What Twilio knows of a sent message once it is final. */
    public record MessageDetails(String status, Integer segments, BigDecimal price, String priceUnit, Integer errorCode) {
    }

    /** A subaccount as Twilio returns it (the auth token only when created or listed by the master). */
    public record Subaccount(String sid, String authToken) {
        @Override
        public String toString() {
            return "Subaccount[" + sid + "]";
        }
    }

    /** A number a subaccount owns. */
    public record OwnedNumber(String sid, String e164) {
    }

    /** Where a number sends its calls and texts. */
    public record NumberUrls(String voiceUrl, String smsUrl, String statusCallback, String voiceFallbackUrl,
            String smsFallbackUrl) {
    }

    /** Registration state of a business's US texting (A2P 10DLC): brand and campaign, as Twilio reports them. */
    public record A2pStatus(String brandStatus, String campaignStatus) {
    }

    private final HttpClient http;
    private final TwilioEndpoint endpoint;

    @Inject
    public TwilioGateway(TwilioConfig config, TwilioEndpoint endpoint) {
        Timeout timeout = Timeout.ofMilliseconds(config.timeout().toMillis());
        this.endpoint = endpoint;
        this.http = new TwilioHttpClient(endpoint.baseUrlOverride().orElse(null), timeout);
    }

    /** The open subaccount with exactly this friendly name, if one exists (to resume a half-done provisioning). */
    public java.util.Optional<Subaccount> findSubaccount(String friendlyName) {
        try {
            for (com.twilio.rest.api.v2010.Account account : com.twilio.rest.api.v2010.Account.reader()
                    .setFriendlyName(friendlyName).read(client(endpoint.master()))) {
                if (account.getStatus() != com.twilio.rest.api.v2010.Account.Status.CLOSED
                        && friendlyName.equals(account.getFriendlyName())) {
                    return java.util.Optional.of(new Subaccount(account.getSid(), account.getAuthToken()));
                }
            }
            return java.util.Optional.empty();
        } catch (TwilioException e) {
            throw failure("look up a subaccount", e);
        }
    }

    public Subaccount createSubaccount(String friendlyName) {
        try {
            com.twilio.rest.api.v2010.Account account = com.twilio.rest.api.v2010.Account.creator()
                    .setFriendlyName(friendlyName).create(client(endpoint.master()));
            return new Subaccount(account.getSid(), account.getAuthToken());
        } catch (TwilioException e) {
            throw failure("create a subaccount", e);
        }
    }

    public void closeSubaccount(String subaccountSid) {
        try {
            com.twilio.rest.api.v2010.Account.updater(subaccountSid)
                    .setStatus(com.twilio.rest.api.v2010.Account.Status.CLOSED).update(client(endpoint.master()));
        } catch (TwilioException e) {
            throw failure("close a subaccount", e);
        }
    }

    /**
     * Local numbers that can send and receive texts and calls: in an area code, or near a number (within
     * {@code distanceMiles}), or anywhere in the country when both are null.
     */
    public java.util.List<String> searchLocalNumbers(Credentials credentials, Integer areaCode, String nearNumber,
            Integer distanceMiles) {
        try {
            var reader = com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local
                    .reader(credentials.accountSid(), "US").setSmsEnabled(true).setVoiceEnabled(true);
            if (areaCode != null) {
                reader.setAreaCode(areaCode);
            }
            if (nearNumber != null) {
                reader.setNearNumber(nearNumber).setDistance(distanceMiles);
            }
            java.util.List<String> numbers = new java.util.ArrayList<>();
            for (var local : reader.limit(5).read(client(credentials))) {
                numbers.add(local.getPhoneNumber().toString());
            }
            return numbers;
        } catch (TwilioException e) {
            throw failure("search for numbers", e);
        }
    }

    /** Toll-free numbers that can send and receive texts and calls (for a business verifying a toll-free sender). */
    public java.util.List<String> searchTollFreeNumbers(Credentials credentials) {
        try {
            java.util.List<String> numbers = new java.util.ArrayList<>();
            for (var tollFree : com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFree
                    .reader(credentials.accountSid(), "US").setSmsEnabled(true).setVoiceEnabled(true).limit(5)
                    .read(client(credentials))) {
                numbers.add(tollFree.getPhoneNumber().toString());
            }
            return numbers;
        } catch (TwilioException e) {
            throw failure("search for toll-free numbers", e);
        }
    }

    public java.util.List<OwnedNumber> listOwnedNumbers(Credentials credentials) {
        try {
            java.util.List<OwnedNumber> numbers = new java.util.ArrayList<>();
            for (var number : com.twilio.rest.api.v2010.account.IncomingPhoneNumber.reader(credentials.accountSid())
                    .read(client(credentials))) {
                numbers.add(new OwnedNumber(number.getSid(), number.getPhoneNumber().toString()));
            }
            return numbers;
        } catch (TwilioException e) {
            throw failure("list the subaccount's numbers", e);
        }
    }

    /** Buys a number into the subaccount with its webhooks already pointed at this platform. */
    public OwnedNumber buyNumber(Credentials credentials, String e164, NumberUrls urls) {
        try {
            var number = com.twilio.rest.api.v2010.account.IncomingPhoneNumber
                    .creator(credentials.accountSid(), new PhoneNumber(e164))
                    .setVoiceUrl(urls.voiceUrl()).setVoiceMethod(com.twilio.http.HttpMethod.POST)
                    .setSmsUrl(urls.smsUrl()).setSmsMethod(com.twilio.http.HttpMethod.POST)
                    .setStatusCallback(urls.statusCallback())
                    .setVoiceFallbackUrl(urls.voiceFallbackUrl()).setSmsFallbackUrl(urls.smsFallbackUrl())
                    .create(client(credentials));
            return new OwnedNumber(number.getSid(), number.getPhoneNumber().toString());
        } catch (TwilioException e) {
            throw failure("buy " + e164, e);
        }
    }

    public void configureNumber(Credentials credentials, String numberSid, NumberUrls urls) {
        try {
            com.twilio.rest.api.v2010.account.IncomingPhoneNumber.updater(credentials.accountSid(), numberSid)
                    .setVoiceUrl(urls.voiceUrl()).setVoiceMethod(com.twilio.http.HttpMethod.POST)
                    .setSmsUrl(urls.smsUrl()).setSmsMethod(com.twilio.http.HttpMethod.POST)
                    .setStatusCallback(urls.statusCallback())
                    .setVoiceFallbackUrl(urls.voiceFallbackUrl()).setSmsFallbackUrl(urls.smsFallbackUrl())
                    .update(client(credentials));
        } catch (TwilioException e) {
            throw failure("configure a number", e);
        }
    }

    public void releaseNumber(Credentials credentials, String numberSid) {
        try {
            com.twilio.rest.api.v2010.account.IncomingPhoneNumber.deleter(credentials.accountSid(), numberSid)
                    .delete(client(credentials));
        } catch (ApiException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                return; // already released
            }
            throw failure("release a number", e);
        } catch (TwilioException e) {
            throw failure("release a number", e);
        }
    }

    /** Brand status (e.g. APPROVED) and the best campaign status (e.g. VERIFIED) of the business's registration. */
    public A2pStatus a2pStatus(Credentials credentials, String brandSid, String messagingServiceSid) {
        try {
            TwilioRestClient client = client(credentials);
            var brand = com.twilio.rest.messaging.v1.BrandRegistration.fetcher(brandSid).fetch(client);
            String campaign = null;
            if (messagingServiceSid != null) {
                for (var registration : com.twilio.rest.messaging.v1.service.UsAppToPerson.reader(messagingServiceSid)
                        .read(client)) {
                    campaign = registration.getCampaignStatus();
                    if ("VERIFIED".equalsIgnoreCase(campaign)) {
                        break;
                    }
                }
            }
            return new A2pStatus(brand.getStatus() == null ? null : brand.getStatus().toString(), campaign);
        } catch (TwilioException e) {
            throw failure("read the A2P registration", e);
        }
    }

    /** Sends a text from one of the subaccount's numbers; returns the MessageSid. */
    public String sendSms(Credentials credentials, String from, String to, String body, URI statusCallback) {
        try {
            return Message.creator(credentials.accountSid(), new PhoneNumber(to), new PhoneNumber(from), body)
                    .setStatusCallback(statusCallback)
                    .create(client(credentials))
                    .getSid();
        } catch (TwilioException e) {
            throw failure("send a text", e);
        }
    }

    /**
     * The SIDs of texts this subaccount already sent from {@code from} to {@code to} with this body, created at or
     * after {@code since}, newest first: a worker that died after Twilio accepted a text and before recording
     * it leaves no trace of its own, so the worker that takes the text over asks before sending it again.
     */
    public java.util.List<String> findSent(Credentials credentials, String from, String to, String body,
            java.time.Instant since) {
        try {
            java.util.List<String> sids = new java.util.ArrayList<>();
            for (Message message : Message.reader(credentials.accountSid()).setTo(new PhoneNumber(to))
                    .setFrom(new PhoneNumber(from)).pageSize(20).limit(20).read(client(credentials))) {
                boolean created = message.getDateCreated() == null
                        || !message.getDateCreated().toInstant().isBefore(since);
                if (created && body.equals(message.getBody())) {
                    sids.add(message.getSid());
                }
            }
            return sids;
        } catch (TwilioException e) {
            throw failure("look for a text already sent", e);
        }
    }

    public MessageDetails fetchMessage(Credentials credentials, String messageSid) {
        try {
            Message message = Message.fetcher(credentials.accountSid(), messageSid).fetch(client(credentials));
            return new MessageDetails(
                    message.getStatus() == null ? null : message.getStatus().toString(),
                    parseInt(message.getNumSegments()),
                    message.getPrice() == null ? null : new BigDecimal(message.getPrice()),
                    message.getPriceUnit() == null ? null : message.getPriceUnit().getCurrencyCode(),
                    message.getErrorCode());
        } catch (TwilioException e) {
            throw failure("fetch a message", e);
        }
    }

    /**
     * A client on the subaccount for the SDK calls of US texting registration (com.callaback.compliance), with this
     * gateway's HTTP client (one attempt per call, pointed at the stub or the simulator when set).
     */
    public TwilioRestClient clientOf(Credentials credentials) {
        return client(credentials);
    }

    /**
     * Sends a text through the business's Messaging Service (its registered campaign) from one of its numbers:
     * Twilio sends from {@code from} and applies the service's registration; returns the MessageSid.
     */
    public String sendSms(Credentials credentials, String from, String to, String body, URI statusCallback,
            String messagingServiceSid) {
        if (messagingServiceSid == null) {
            return sendSms(credentials, from, to, body, statusCallback);
        }
        try {
            return Message.creator(credentials.accountSid(), new PhoneNumber(to), new PhoneNumber(from), body)
                    .setMessagingServiceSid(messagingServiceSid)
                    .setStatusCallback(statusCallback)
                    .create(client(credentials))
                    .getSid();
        } catch (TwilioException e) {
            throw failure("send a text", e);
        }
    }

    private TwilioRestClient client(Credentials credentials) {
        return new TwilioRestClient.Builder(credentials.accountSid(), credentials.authToken())
                .accountSid(credentials.accountSid())
                .httpClient(http)
                .build();
    }

    /** The typed failure of a Twilio call, retryable or not, as every gateway call throws it. */
    public static TwilioFailure failure(String action, TwilioException e) {
        if (e instanceof ApiException api && api.getStatusCode() == null && api.getCause() instanceof IOException io
                && !(io instanceof com.fasterxml.jackson.core.JsonProcessingException)) {
            // The SDK reports a reset connection or a server that never answered as an ApiException with no status:
            // like no answer at all, it passes, so the text is tried again. (A body it could not read is another
            // matter: error answers always carry a status (TwilioHttpClient), so that was an accepted text's.)
            return new TwilioFailure("Could not reach Twilio to " + action + ": " + io.getMessage(), null, null, true,
                    e);
        }
        if (e instanceof ApiException api) {
            Integer status = api.getStatusCode();
            // 429 / 20429: too many requests at once for the account; it passes, so the outbox tries again later.
            boolean retryable = status != null && (status == 429 || status >= 500)
                    || Integer.valueOf(20429).equals(api.getCode());
            return new TwilioFailure("Twilio refused to " + action + ": " + api.getMessage(), api.getCode(), status,
                    retryable, e);
        }
        boolean network = e instanceof ApiConnectionException;
        return new TwilioFailure("Could not reach Twilio to " + action + (network ? "" : ": " + e.getMessage()),
                null, null, true, e);
    }

    private static Integer parseInt(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
