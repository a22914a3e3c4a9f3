package com.callaback.api;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authentication for the JSON API. A bearer token that is one of our API keys ({@code cbk_...}) is checked here;
 * any other bearer token is left to OIDC (an access token of our identity provider). Ahead of OIDC, so that an
 * API request without valid credentials is answered with a 401 problem body, never OIDC's redirect to sign-in.
 */
@ApplicationScoped
public class ApiAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Ahead of OIDC (which sits just above the default), for both authenticating and challenging. */
    private static final int PRIORITY = DEFAULT_PRIORITY + 1000;
    private static final String BEARER = "bearer ";

    @Inject
    ApiProblems problems;
    @Inject
    OidcAuthenticationMechanism oidc;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!ApiPaths.isApi(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        String token = bearerToken(context);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        Uni<SecurityIdentity> identity;
        if (token.startsWith(ApiKeyService.KEY_START)) {
            identity = identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                    new ApiKeyAuthenticationRequest(token), context));
        } else {
            identity = oidc.authenticate(context, identityProviderManager);
        }
        // A refused token is challenged by this mechanism (a problem body), not by the one that refused it.
        return identity.onFailure().invoke(() -> context.put(HttpAuthenticationMechanism.class.getName(), this));
    }

    /** On the API, a 401 problem saying what to send; elsewhere OIDC's sign-in redirect. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!ApiPaths.isApi(context.normalizedPath())) {
            return Uni.createFrom().item(false);
        }
        String detail = bearerToken(context) == null
                ? "Send an API key (or an OIDC access token) as \"Authorization: Bearer <token>\"."
                : "The bearer token was not accepted: the API key is unknown or revoked, or the access token is "
                        + "invalid or expired.";
        context.response().putHeader(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"callaback\"");
        return problems.send(context, 401, "Unauthorized", detail).replaceWith(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!ApiPaths.isApi(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"callaback\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    private static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
