package com.callaback.telephony;

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

    private final HttpClient http;

    @Inject
    public TwilioGateway(TwilioConfig config) {
        Timeout timeout = Timeout.ofMilliseconds(config.timeout().toMillis());
        this.http = new TwilioHttpClient(config.apiBaseUrl().orElse(null), timeout);
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

    private TwilioRestClient client(Credentials credentials) {
        return new TwilioRestClient.Builder(credentials.accountSid(), credentials.authToken())
                .accountSid(credentials.accountSid())
                .httpClient(http)
                .build();
    }

    private static TwilioFailure failure(String action, TwilioException e) {
        if (e instanceof ApiException api) {
            Integer status = api.getStatusCode();
            boolean retryable = status != null && (status == 429 || status >= 500);
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
