package com.callaback.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.callaback.tenant.NoBusinessSelectedException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The one place exceptions become responses: JSON problem details (RFC 9457) for the API and for clients that
 * ask for JSON, an HTML page for browsers. Never a stack trace, never another tenant's data.
 */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    private static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail, List<FieldError> errors);
    }

    /** The JSON body of an error. */
    public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, HttpHeaders headers, UriInfo uri) {
        return respond(400, "Invalid input", e.getMessage(), e.errors(), headers, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse("Invalid input");
        return respond(400, "Invalid input", detail, errors, headers, uri);
    }

    /** Someone with no business yet opened a page that works inside one: a browser goes to set one up. */
    @ServerExceptionMapper
    public Response noBusiness(NoBusinessSelectedException e, HttpHeaders headers, UriInfo uri) {
        if (wantsHtml(headers, uri)) {
            return Response.seeOther(URI.create("/onboarding")).build();
        }
        return respond(404, "Not Found", "Set up or select a business first.", List.of(), headers, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 404 -> notFoundDetail(e);
            case 413 -> "What you sent is too long: a form field may hold at most 64 KB. Shorten it and send it again.";
            default -> e.getMessage();
        };
        return respond(status, title, detail, List.of(), headers, uri);
    }

    /** Twilio refused or could not be reached while a person waited: say so, as an upstream failure. */
    @ServerExceptionMapper
    public Response twilio(com.callaback.telephony.TwilioFailure e, HttpHeaders headers, UriInfo uri) {
        LOG.warnf("Twilio failed on %s: %s", uri.getPath(), e.getMessage());
        return e.retryable()
                ? respond(503, "Twilio is unavailable", "Twilio could not be reached. Please try again in a minute.",
                        List.of(), headers, uri)
                : respond(502, "Twilio refused", e.getMessage(), List.of(), headers, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri) {
        if (isNulCharacter(e)) {
            // PostgreSQL text cannot hold a NUL character; it came from the request, so it is the sender's error.
            return respond(400, "Invalid input", "Text may not contain a NUL character (\\0).", List.of(), headers, uri);
        }
        if (isUndecodableForm(e)) {
            return respond(400, "Invalid input", "The form is not valid URL encoding (a % not followed by two hex digits).",
                    List.of(), headers, uri);
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected error, incident %s, on %s", incident, uri.getPath());
        return respond(500, "Something went wrong",
                "We could not complete this request. If it keeps happening, quote incident " + incident + ".",
                List.of(), headers, uri);
    }

    /** A form body with a broken %-escape fails while Quarkus decodes it: the sender's error, not ours. */
    private static boolean isUndecodableForm(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Throwable cause : java.util.stream.Stream.concat(java.util.stream.Stream.of(t),
                    java.util.Arrays.stream(t.getSuppressed())).toList()) {
                if (cause instanceof IllegalArgumentException && cause.getMessage() != null
                        && cause.getMessage().startsWith("Failed to decode URL")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNulCharacter(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Zero bytes may not occur")
                    || message.contains("invalid byte sequence for encoding \"UTF8\": 0x00"))) {
                return true;
            }
        }
        return false;
    }

    private static String notFoundDetail(WebApplicationException e) {
        // Framework 404s carry internal wording ("HTTP 404 Not Found", "Unable to find matching target resource
        // method"); ours say what was not found.
        String message = e.getMessage();
        boolean internal = message == null || message.startsWith("HTTP 404") || message.startsWith("Unable to find");
        return internal ? "There is nothing here." : message;
    }

    private static Response respond(int status, String title, String detail, List<FieldError> errors,
            HttpHeaders headers, UriInfo uri) {
        if (wantsHtml(headers, uri)) {
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.error(status, title, detail, errors).render()).build();
        }
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }

    private static boolean wantsHtml(HttpHeaders headers, UriInfo uri) {
        if (uri.getPath().startsWith("/api/")) {
            return false;
        }
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> t.isCompatible(MediaType.TEXT_HTML_TYPE) && !t.isWildcardType());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
