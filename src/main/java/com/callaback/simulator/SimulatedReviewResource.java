package com.callaback.simulator;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.compliance.RegistrationService;
import com.callaback.compliance.TextingRegistration;
import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantContext;
import com.callaback.tenant.TenantScope;
import com.callaback.web.InvalidInputException;

/** The simulator's reviewers: approve the current business's registration, or reject it with a chosen reason. */
@Path("/simulator/registrations")
public class SimulatedReviewResource {

    @Inject
    SimulatorConfig config;
    @Inject
    CurrentUser currentUser;
    @Inject
    TenantContext tenantContext;
    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    SimulatedRegistrations registrations;
    @Inject
    RegistrationService registrationService;

    @POST
    public Response review(@RestForm String outcome, @RestForm String reason) {
        if (!config.enabled()) {
            throw new NotFoundException();
        }
        currentUser.requireRole(Role.ADMIN);
        if (!"approve".equals(outcome) && !"reject".equals(outcome)) {
            throw new InvalidInputException("outcome", "Choose approve or reject.");
        }
        UUID tenantId = tenantContext.require();
        TwilioGateway.Credentials account = tenantScope.call(tenantId, () -> credentials.forNumber(null));
        if (account == null) {
            throw new InvalidInputException("outcome", "This business has no simulated Twilio account yet.");
        }
        String why = reason == null || reason.isBlank() ? "Rejected in the simulator." : reason.strip();
        registrations.review(account.accountSid(), "approve".equals(outcome), why);
        tenantScope.call(tenantId, () -> TextingRegistration.current().map(r -> r.id))
                .ifPresent(id -> registrationService.checkNow(tenantId, id));
        return Response.seeOther(URI.create("/settings/texting-registration")).build();
    }
}
