package com.callaback.web;

import java.net.URI;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * CSRF protection without tokens: a state-changing request that a browser marks as cross-site
 * ({@code Sec-Fetch-Site}), or whose {@code Origin} is another host, is refused. Requests with neither header do
 * not come from a browser page. Webhooks are exempt: they carry no cookies and are signature-checked.
 */
public class CrossOriginProtectionFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_SITE_VALUES = Set.of("same-origin", "none");

    @ServerRequestFilter(preMatching = true)
    public Response refuseCrossOriginWrites(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || isWebhook(request.getUriInfo().getPath())) {
            return null;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null) {
            return SAME_SITE_VALUES.contains(fetchSite) ? null : refuse();
        }
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return null;
        }
        return sameHost(origin, request.getHeaderString("Host")) ? null : refuse();
    }

    private static boolean isWebhook(String path) {
        return path.startsWith("/api/twilio/") || path.startsWith("/api/stripe/");
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && (host.equalsIgnoreCase(originHost) || host.equalsIgnoreCase(uri.getHost()));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static Response refuse() {
        return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE)
                .entity("Cross-origin request refused: this form must be sent from a Callaback page.").build();
    }
}
