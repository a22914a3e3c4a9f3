package com.callaback.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.web.ErrorResponses;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem details (RFC 9457) written before the request reaches a resource (authentication, rate limit), in the
 * same shape as {@link ErrorResponses} writes them for everything else.
 */
@ApplicationScoped
public class ApiProblems {

    static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    ObjectMapper json;

    String body(int status, String title, String detail) {
        try {
            return json.writeValueAsString(new ErrorResponses.Problem("about:blank", title, status, detail,
                    java.util.List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem body is always serialisable", e);
        }
    }

    Uni<Void> send(RoutingContext context, int status, String title, String detail) {
        return Uni.createFrom().completionStage(() -> context.response().setStatusCode(status)
                .putHeader("Content-Type", PROBLEM_JSON).end(body(status, title, detail)).toCompletionStage());
    }
}
