package com.callaback.compliance;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.callaback.telephony.AdmittedWebhook;
import com.callaback.telephony.TwilioWebhook;
import com.callaback.tenant.TenantScope;

/**
 * Twilio's status callback of a registration's customer profile and trust bundle, admitted by the subaccount's
 * signature: a review moved, so the registration is read back at once (the callback's own fields are not needed).
 */
@Path(RegistrationCallbackResource.PATH)
@TwilioWebhook
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class RegistrationCallbackResource {

    static final String PATH = "/api/twilio/registration-status";

    @Inject
    AdmittedWebhook webhook;
    @Inject
    TenantScope tenantScope;
    @Inject
    RegistrationService registrations;

    @POST
    public Response statusChanged() {
        UUID tenantId = webhook.tenantId();
        tenantScope.call(tenantId, () -> TextingRegistration.current().map(r -> r.id))
                .ifPresent(id -> registrations.checkNow(tenantId, id));
        return Response.noContent().build();
    }
}
