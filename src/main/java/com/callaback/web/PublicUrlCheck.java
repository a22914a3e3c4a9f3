package com.callaback.web;

import java.net.URI;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with a public base URL that webhook signatures and links cannot be built on: it must be
 * absolute and without a trailing slash (Twilio signs the exact URL it calls). Use https in production.
 */
@Singleton
public class PublicUrlCheck {

    @Inject
    PlatformConfig platform;

    void check(@Observes StartupEvent event) {
        String url = platform.publicBaseUrl();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("PUBLIC_BASE_URL is not a URL: " + url, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null || url.endsWith("/")) {
            throw new IllegalStateException("PUBLIC_BASE_URL must be absolute, without a trailing slash, e.g. "
                    + "https://app.example.com (is: " + url + ")");
        }
    }
}
