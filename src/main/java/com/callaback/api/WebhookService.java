package com.callaback.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.callaback.identity.AuditEntry;
import com.callaback.identity.Tokens;
import com.callaback.security.SecretBinding;
import com.callaback.security.SecretCipher;
import com.callaback.tenant.TenantContext;
import com.callaback.web.InvalidInputException;

/** Registers and removes a business's webhook endpoints; the signing secret is shown once and kept encrypted. */
@ApplicationScoped
public class WebhookService {

    @Inject
    SecretCipher cipher;
    @Inject
    ApiConfig config;
    @Inject
    TenantContext tenant;
    @Inject
    WebhookAddresses addresses;

    /** An endpoint just registered, with the secret its receiver verifies signatures with (never shown again). */
    public record Registered(WebhookEndpoint endpoint, String secret) {
    }

    @Transactional
    public Registered register(String url, UUID actor) {
        URI uri = checked(url);
        if (WebhookEndpoint.count("disabledAt is null") >= config.webhooks().maxEndpoints()) {
            throw new InvalidInputException("url", "A business may have at most " + config.webhooks().maxEndpoints()
                    + " endpoints; remove one first.");
        }
        String secret = "whsec_" + Tokens.newToken();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.url = uri.toString();
        endpoint.id = UUID.randomUUID();
        endpoint.secretEncrypted = cipher.encrypt(secret, SecretBinding.webhookSecret(tenant.require(), endpoint.id));
        endpoint.createdBy = actor;
        endpoint.persist();
        AuditEntry.record(actor, "webhook.registered", "webhook_endpoint", endpoint.id);
        return new Registered(endpoint, secret);
    }

    @Transactional
    public List<WebhookEndpoint> endpoints() {
        return WebhookEndpoint.listActive();
    }

    @Transactional
    public List<WebhookDelivery> recentDeliveries() {
        return WebhookDelivery.recent(20);
    }

    /** Stops deliveries to the endpoint; those still waiting fail with a reason the page shows. */
    @Transactional
    public void remove(UUID id, UUID actor) {
        WebhookEndpoint endpoint = WebhookEndpoint.findById(id);
        if (endpoint == null || !endpoint.active()) {
            throw new NotFoundException("No webhook endpoint with that id");
        }
        endpoint.disabledAt = Instant.now();
        WebhookDelivery.update("status = 'failed', lastError = 'The endpoint was removed' "
                + "where endpointId = ?1 and status = 'pending'", id);
        AuditEntry.record(actor, "webhook.removed", "webhook_endpoint", id);
    }

    /** An absolute https URL to a public host: events must not be aimed at this platform's own network. */
    private URI checked(String url) {
        String trimmed = url == null ? "" : url.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("url", "Enter a URL such as https://example.com/callaback-events.");
        }
        boolean insecureOk = config.webhooks().allowInsecureUrls();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || trimmed.length() > 2000 || !(scheme.equals("https") || insecureOk && scheme.equals("http"))) {
            throw new InvalidInputException("url", "Enter an https URL such as https://example.com/callaback-events.");
        }
        if (uri.getUserInfo() != null) {
            throw new InvalidInputException("url", "Leave user names and passwords out of the URL; verify our signature instead.");
        }
        String refusal = addresses.refusal(uri.getHost());
        if (refusal != null) {
            throw new InvalidInputException("url", refusal);
        }
        return uri;
    }
}
