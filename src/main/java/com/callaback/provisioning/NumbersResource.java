package com.callaback.provisioning;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Settings → Numbers: setup progress and retry, the business's numbers, US texting registration, closing. */
@Path("/settings/numbers")
@Produces(MediaType.TEXT_HTML)
public class NumbersResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    TenantContext tenantContext;
    @Inject
    NumberService numbers;
    @Inject
    ComplianceService compliance;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Tenant tenant, List<PhoneNumber> numbers, boolean canManage,
                int maxNumbers, FieldErrors errors);
    }

    @GET
    public TemplateInstance index() {
        return page(new FieldErrors());
    }

    @POST
    @Path("/retry")
    public Response retry() {
        currentUser.requireRole(Role.ADMIN);
        numbers.retry(tenantContext.require());
        return backToPage();
    }

    @POST
    @Path("/add")
    public Response add() {
        currentUser.requireRole(Role.ADMIN);
        numbers.add(tenantContext.require());
        return backToPage();
    }

    @POST
    @Path("/{id}/release")
    public Response release(@PathParam("id") UUID id) {
        currentUser.requireRole(Role.ADMIN);
        numbers.release(tenantContext.require(), id);
        return backToPage();
    }

    @POST
    @Path("/registration")
    public Response register(@RestForm String brandSid, @RestForm String messagingServiceSid) {
        currentUser.requireRole(Role.ADMIN);
        try {
            compliance.register(tenantContext.require(), brandSid, messagingServiceSid);
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            return Response.status(400).entity(page(errors)).build();
        }
        return backToPage();
    }

    /** Closing needs the owner and the business's name typed again. */
    @POST
    @Path("/close")
    public Response close(@RestForm String confirmName) {
        currentUser.requireRole(Role.OWNER);
        Tenant tenant = tenant();
        if (confirmName == null || !confirmName.strip().equals(tenant.name)) {
            throw new InvalidInputException("confirmName", "Type the business's name exactly to close it.");
        }
        numbers.close(tenant.id);
        return Response.seeOther(URI.create("/")).build();
    }

    private TemplateInstance page(FieldErrors errors) {
        List<PhoneNumber> active = QuarkusTransaction.requiringNew().call(PhoneNumber::listActive);
        Tenant tenant = tenant();
        return Templates.index(tenant, active, currentUser.role().atLeast(Role.ADMIN),
                com.callaback.billing.PlanLimits.maxNumbers(tenant), errors);
    }

    private Tenant tenant() {
        return QuarkusTransaction.requiringNew().call(() -> Tenant.findById(tenantContext.require()));
    }

    private static Response backToPage() {
        return Response.seeOther(URI.create("/settings/numbers")).build();
    }

}
