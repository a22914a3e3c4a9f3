package com.callaback.compliance;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.provisioning.NumberService;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioEndpoint;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Settings → Texting registration: the owner's wizard (A2P 10DLC or toll-free), its status, and resubmission. */
@Path(RegistrationService.STATUS_PAGE)
@Produces(MediaType.TEXT_HTML)
public class RegistrationResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    TenantContext tenantContext;
    @Inject
    RegistrationService registrations;
    @Inject
    ComplianceConfig config;
    @Inject
    TwilioEndpoint endpoint;
    @Inject
    NumberService numbers;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Tenant tenant, TextingRegistration registration, RegistrationForm form,
                FieldErrors errors, Fees companyFees, Fees soleFees, String tollFreeNumber, boolean owner,
                boolean simulated);
    }

    /** What the page shows: the business, its registration if any, and its numbers. */
    private record Current(Tenant tenant, TextingRegistration registration, List<PhoneNumber> numbers) {

        Optional<PhoneNumber> tollFree() {
            return numbers.stream().filter(n -> n.e164.matches("\\+18(00|33|44|55|66|77|88)[0-9]{7}")).findFirst();
        }
    }

    @GET
    public TemplateInstance index() {
        Current current = current();
        String firstNumber = current.numbers().isEmpty() ? null : current.numbers().get(0).e164;
        return page(current, RegistrationForm.prefilled(current.tenant(), current.registration(), firstNumber),
                new FieldErrors());
    }

    @POST
    public Response submit(@BeanParam RegistrationForm form) {
        currentUser.requireRole(Role.OWNER);
        Current current = current();
        current.tollFree().ifPresent(n -> form.setTollFreeNumberSid(n.twilioSid));
        try {
            registrations.submit(tenantContext.require(), currentUser.userId(), form);
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(page(current(), form, errors)).build();
        }
        return backToPage();
    }

    /** Buys a toll-free number for the business to verify, within its plan's numbers. */
    @POST
    @Path("/toll-free-number")
    public Response buyTollFreeNumber() {
        currentUser.requireRole(Role.OWNER);
        numbers.add(tenantContext.require(), true);
        return backToPage();
    }

    /** Reads the reviews now instead of waiting for the next scheduled check. */
    @POST
    @Path("/check")
    public Response check() {
        currentUser.requireRole(Role.ADMIN);
        Current current = current();
        if (current.registration() != null) {
            registrations.checkNow(tenantContext.require(), current.registration().id);
        }
        return backToPage();
    }

    private TemplateInstance page(Current current, RegistrationForm form, FieldErrors errors) {
        return Templates.index(current.tenant(), current.registration(), form, errors,
                Fees.of(config, TextingRegistration.A2P, TextingRegistration.COMPANY),
                Fees.of(config, TextingRegistration.A2P, TextingRegistration.SOLE_PROPRIETOR),
                current.tollFree().map(n -> n.e164).orElse(null), currentUser.role().atLeast(Role.OWNER),
                endpoint.simulated());
    }

    private Current current() {
        return QuarkusTransaction.requiringNew().call(() -> new Current(Tenant.findById(tenantContext.require()),
                TextingRegistration.current().orElse(null), PhoneNumber.listActive()));
    }

    private static Response backToPage() {
        return Response.seeOther(URI.create(RegistrationService.STATUS_PAGE)).build();
    }
}
