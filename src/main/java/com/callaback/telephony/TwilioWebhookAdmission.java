package com.callaback.telephony;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import com.callaback.tenant.TenantScope;
import com.callaback.web.InvalidInputException;
import com.callaback.web.PlatformConfig;
import com.twilio.security.RequestValidator;

/**
 * Admits every Twilio webhook in one place, before its endpoint runs: reads the form once, finds the business (by
 * the dialled number, or by the subaccount for callbacks without one), checks that the request came from that
 * business's subaccount with a valid {@code X-Twilio-Signature} over the public URL, and sets the tenant for the
 * rest of the request. Nothing is read or written for a business before this passes.
 * <p>
 * Every failure to authenticate answers the same 403, so nobody can probe which numbers belong to customers. A
 * genuine webhook for a number its business has released gets an empty TwiML document: an error would only make
 * Twilio retry a call that has nowhere to go.
 */
public class TwilioWebhookAdmission {

    private static final Logger LOG = Logger.getLogger(TwilioWebhookAdmission.class);
    static final String REFUSED = "This request is not a valid Twilio webhook for this platform";

    @Inject
    TwilioRoutes routes;
    @Inject
    AdmittedWebhook admitted;
    @Inject
    TenantScope tenantScope;
    @Inject
    PlatformConfig platform;
    @Inject
    TwimlResponses twiml;

    @TwilioWebhook
    @WithFormRead
    @ServerRequestFilter
    public Optional<Response> admit(ResteasyReactiveContainerRequestContext context, ResourceInfo resource) {
        TwilioRequest request = read(context);
        boolean byNumber = resource.getResourceMethod().isAnnotationPresent(RoutedByDialledNumber.class);
        Optional<TwilioRoutes.Route> found = byNumber
                ? routes.byNumber(request.requiredTwilioNumber("To"))
                : routes.bySubaccount(request.required("AccountSid", TwilioRequest.ACCOUNT_SID));
        TwilioRoutes.Route route = found.orElseThrow(() -> refuse(request, "no business has this "
                + (byNumber ? "number" : "subaccount")));
        TwilioGateway.Credentials account = route.credentials();
        if (account == null || !account.accountSid().equals(request.param("AccountSid"))) {
            throw refuse(request, "AccountSid is not the subaccount of this business");
        }
        if (request.signature() == null || !new RequestValidator(account.authToken())
                .validate(publicUrl(request), request.params(), request.signature())) {
            throw refuse(request, "invalid or missing X-Twilio-Signature");
        }
        if (route.released()) {
            LOG.infof("Twilio webhook %s for a released number answered with empty TwiML", request.path());
            return Optional.of(Response.ok(twiml.proceed(), MediaType.APPLICATION_XML_TYPE).build());
        }
        admitted.admit(request, route.tenantId(), route.phoneNumberId());
        tenantScope.enterForRequest(route.tenantId());
        return Optional.empty();
    }

    private String publicUrl(TwilioRequest request) {
        return platform.publicBaseUrl() + request.path() + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
    }

    private static ForbiddenException refuse(TwilioRequest request, String why) {
        LOG.warnf("Twilio webhook %s refused: %s", request.path(), why);
        return new ForbiddenException(REFUSED);
    }

    private static TwilioRequest read(ResteasyReactiveContainerRequestContext context) {
        Map<String, String> params = new HashMap<>();
        FormData form = ((ResteasyReactiveRequestContext) context.getServerRequestContext()).getFormData();
        if (form != null) {
            for (String name : form) {
                if (form.get(name).size() > 1) {
                    // Twilio sends each parameter once; a repeated one would be signed and read differently.
                    throw new InvalidInputException(name.length() > TwilioRequest.MAX_PARAMETER_NAME ? "parameter"
                            : name, "is repeated; a Twilio webhook sends each parameter once");
                }
                FormValue first = form.getFirst(name);
                params.put(name, first == null || first.isFileItem() ? "" : first.getValue());
            }
        }
        return new TwilioRequest(context.getUriInfo().getRequestUri().getRawPath(),
                context.getUriInfo().getRequestUri().getRawQuery(), params,
                context.getHeaderString("X-Twilio-Signature"));
    }
}
