package com.callaback.agency;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.BusinessForm;
import com.callaback.dashboard.Period;
import com.callaback.dashboard.live.LiveStart;
import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The agency page: its clients' figures side by side, a way into each, inviting a client's owner, adding a client. */
@Path("/agency")
@Produces(MediaType.TEXT_HTML)
public class AgencyResource {

    @Inject
    AgencyService agency;
    @Inject
    CurrentUser currentUser;
    @Inject
    AgencyRollUpService rollUps;
    @Inject
    LiveStart liveStart;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance clients(RollUp rollUp, boolean canManage, BusinessForm form,
                FieldErrors errors, String invited, boolean mailFailed);
    }

    /** The clients side by side over a period (today, week, month: the default), sorted by a column. */
    @GET
    public TemplateInstance clients(@QueryParam("period") String period, @QueryParam("sort") String sort,
            @QueryParam("dir") String dir, @QueryParam("invited") String invited, @QueryParam("mail") String mail) {
        // The roll-up redraws on its clients' events: the stream starts before the figures are read.
        liveStart.mark();
        return page(View.of(period, sort, dir), BusinessForm.empty(), new FieldErrors(), invited, "failed".equals(mail));
    }

    @POST
    @Path("/clients")
    public Response addClient(@RestForm String name, @RestForm String timezone, @RestForm String forwardingPhone,
            @RestForm String areaCode) {
        FieldErrors errors = new FieldErrors();
        BusinessForm submitted = new BusinessForm(name, timezone, forwardingPhone, areaCode, false);
        BusinessForm valid = submitted.validated(errors);
        if (!errors.isEmpty()) {
            return Response.status(400).entity(page(View.DEFAULT, submitted, errors, null, false)).build();
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

    @POST
    @Path("/clients/{id}/invite-owner")
    public Response inviteOwner(@PathParam("id") UUID clientId, @RestForm String email) {
        try {
            AgencyService.OwnerInvitation invitation = agency.inviteOwner(clientId, email);
            UriBuilder next = UriBuilder.fromPath("/agency").queryParam("invited", invitation.email());
            return Response.seeOther((invitation.mailed() ? next : next.queryParam("mail", "failed")).build()).build();
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(error -> errors.add("invite-" + clientId, error.message()));
            return Response.status(400).entity(page(View.DEFAULT, BusinessForm.empty(), errors, null, false)).build();
        }
    }

    /** The way back from a client business to the agency's list of clients. */
    @POST
    @Path("/return")
    public Response returnToAgency() {
        agency.returnToAgency();
        return Response.seeOther(URI.create("/agency")).build();
    }

    private TemplateInstance page(View view, BusinessForm form, FieldErrors errors, String invited, boolean mailFailed) {
        RollUp rollUp = rollUps.rollUp(agency.clients(), view.period(), view.sort(), view.dir());
        return Templates.clients(rollUp, currentUser.role().atLeast(Role.ADMIN), form, errors, invited, mailFailed);
    }

    /** What the roll-up shows: the period and the sort, as asked in the query. */
    record View(Period period, String sort, String dir) {
        static final View DEFAULT = new View(Period.MONTH, null, null);

        static View of(String period, String sort, String dir) {
            return new View(period == null || period.isBlank() ? Period.MONTH : Period.fromKey(period), sort, dir);
        }
    }
}
