package com.callaback.agency;

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

import com.callaback.identity.BusinessForm;
import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.tenant.Tenant;
import com.callaback.web.FieldErrors;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The agency page: its client businesses, a form to add one, and a way into each. */
@Path("/agency")
@Produces(MediaType.TEXT_HTML)
public class AgencyResource {

    @Inject
    AgencyService agency;
    @Inject
    CurrentUser currentUser;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance clients(List<Tenant> clients, boolean canManage, BusinessForm form,
                FieldErrors errors);
    }

    @GET
    public TemplateInstance clients() {
        return page(BusinessForm.empty(), new FieldErrors());
    }

    @POST
    @Path("/clients")
    public Response addClient(@RestForm String name, @RestForm String timezone, @RestForm String forwardingPhone,
            @RestForm String areaCode) {
        FieldErrors errors = new FieldErrors();
        BusinessForm submitted = new BusinessForm(name, timezone, forwardingPhone, areaCode, false);
        BusinessForm valid = submitted.validated(errors);
        if (!errors.isEmpty()) {
            return Response.status(400).entity(page(submitted, errors)).build();
        }
        agency.addClient(valid);
        return Response.seeOther(URI.create("/agency")).build();
    }

    @POST
    @Path("/clients/{id}/enter")
    public Response enter(@PathParam("id") UUID clientId) {
        agency.enter(clientId);
        return Response.seeOther(URI.create("/")).build();
    }

    /** The way back from a client business to the agency's list of clients. */
    @POST
    @Path("/return")
    public Response returnToAgency() {
        agency.returnToAgency();
        return Response.seeOther(URI.create("/agency")).build();
    }

    private TemplateInstance page(BusinessForm form, FieldErrors errors) {
        return Templates.clients(agency.clients(), currentUser.role().atLeast(Role.ADMIN), form, errors);
    }
}
