package com.callaback.api;

/** Which request paths are the JSON API that integrators call (as opposed to pages and signed webhooks). */
final class ApiPaths {

    private ApiPaths() {
    }

    /** {@code /api/*}, except the webhook paths Twilio and Stripe call, which authenticate by signature. */
    static boolean isApi(String path) {
        return path != null && path.startsWith("/api/") && !path.startsWith("/api/twilio/")
                && !path.startsWith("/api/stripe/");
    }
}
