package com.callaback.telephony;

import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's own HTTP client, with every {@code https://<host>.twilio.com} URL rewritten to a configured base
 * URL: the real SDK then talks HTTP to a local stub (tests) or the simulator (dev).
 */
final class RedirectingHttpClient extends NetworkHttpClient {

    private final String baseUrl;

    RedirectingHttpClient(String baseUrl, Timeout timeout) {
        super(RequestConfig.custom().setConnectTimeout(timeout).setResponseTimeout(timeout).build());
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(redirect(request));
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
