package com.callaback.telephony;

import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's own HTTP client with two changes: one attempt per call (the SDK would retry 429 and 5xx at
 * once, a few times, before our outbox retries with backoff), and optionally every {@code https://<host>.twilio.com}
 * URL rewritten to a base URL, so the real SDK talks HTTP to a local stub (tests) or the simulator (dev).
 */
final class TwilioHttpClient extends NetworkHttpClient {

    /**
     * Connections kept to Twilio, all on one route (api.twilio.com). The default pool allows 5 per route, which
     * would make the background jobs' concurrent sends wait on each other; Twilio itself allows an account about
     * 100 requests at once.
     */
    private static final int MAX_CONNECTIONS = 100;

    private final String baseUrl;

    /** @param baseUrl where to send requests instead of Twilio, or null for Twilio itself */
    TwilioHttpClient(String baseUrl, Timeout timeout) {
        // Apache HttpClient would also retry a 429 by itself; our outbox owns retries.
        super(HttpClientBuilder.create().disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(MAX_CONNECTIONS).setMaxConnTotal(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(timeout).setResponseTimeout(timeout)
                        .build()));
        this.baseUrl = baseUrl == null || !baseUrl.endsWith("/") ? baseUrl : baseUrl.substring(0, baseUrl.length() - 1);
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        return describedError(super.makeRequest(baseUrl == null ? request : redirect(request)));
    }

    /**
     * An error answer that is not Twilio's JSON (a proxy's or load balancer's 502 page during an outage) becomes a
     * JSON error with its status: the SDK would otherwise fail to read it and throw an error with no status at
     * all, which would count a passing outage as a text Twilio refused for good.
     */
    static Response describedError(Response response) {
        if (response == null || response.getStatusCode() < 400) {
            return response;
        }
        String content = response.getContent();
        if (content != null && content.stripLeading().startsWith("{")) {
            return new Response(content, response.getStatusCode(), response.getHeaders());
        }
        String message = content == null || content.isBlank() ? "HTTP " + response.getStatusCode()
                : content.strip().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ");
        message = message.length() > 200 ? message.substring(0, 200) : message;
        String json = "{\"status\": " + response.getStatusCode() + ", \"message\": \""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return new Response(json, response.getStatusCode(), response.getHeaders());
    }

    private Request redirect(Request original) {
        String url = original.getUrl().replaceFirst("^https://[a-z0-9.-]*twilio\\.com", baseUrl);
        Request copy = new Request(original.getMethod(), url);
        copy.setAuth(original.getUsername(), original.getPassword());
        copy.setContentType(original.getContentType());
        if (original.getBody() != null) {
            copy.setBody(original.getBody());
        }
        copyAll(original.getQueryParams(), copy::addQueryParam);
        copyAll(original.getPostParams(), copy::addPostParam);
        copyAll(original.getHeaderParams(), copy::addHeaderParam);
        return copy;
    }

    private static void copyAll(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
