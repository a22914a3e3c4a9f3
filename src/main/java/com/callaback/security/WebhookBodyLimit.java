package com.callaback.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Caps the body of a Twilio webhook at 64 KB before anything reads it: Twilio's own requests are a few KB, so a
 * larger one is refused with 413 (and one that does not say its length with 411) instead of being buffered up to the
 * platform-wide limit ({@code quarkus.http.limits.max-body-size}).
 */
@ApplicationScoped
public class WebhookBodyLimit {

    public static final long MAX_BYTES = 64 * 1024;

    void install(@Observes Router router) {
        // First of all routes: only headers are looked at, and nothing has read the body yet.
        router.route("/api/twilio/*").order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST) {
            context.next();
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            refuse(context, 411, "Length Required", "A webhook must say its Content-Length.");
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            refuse(context, 400, "Bad Request", "Content-Length is not a number.");
            return;
        }
        if (bytes > MAX_BYTES) {
            refuse(context, 413, "Content Too Large", "A webhook body may be at most 64 KB; this one is " + bytes + " bytes.");
            return;
        }
        context.next();
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
