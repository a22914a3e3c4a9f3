package com.callaback.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import com.callaback.tenant.TenantContext;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The simulator pages: call or text the active business's own numbers as any caller, and that caller's phone,
 * which shows the texts as they arrive and can reply. A failing form comes back with status 400 and its input.
 */
@Path("/simulator")
@Produces(MediaType.TEXT_HTML)
public class SimulatorResource {

    private static final List<SimulatedOutcome> OUTCOMES = List.of(SimulatedOutcome.values());

    @Inject
    SimulatorConfig config;
    @Inject
    TenantContext tenantContext;
    @Inject
    SimulatorService simulator;
    @Inject
    SimulatedCalls calls;
    @Inject
    CurrentUser currentUser;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<PhoneNumber> numbers, List<String> phones,
                List<SimulatedOutcome> outcomes, CallForm call, FieldErrors callErrors, TextForm text,
                FieldErrors textErrors, SimulatedCalls.Result result);

        static native TemplateInstance phone(String caller, List<SimulatorMessage> messages, String failureMode,
                List<PhoneNumber> numbers, TextForm reply, FieldErrors errors);

        /** Only the message list, which the phone page polls for. */
        static native TemplateInstance phone$messages(List<SimulatorMessage> messages);
    }

    @GET
    public TemplateInstance index() {
        CallForm call = CallForm.defaults();
        return index(tenant(), call, new FieldErrors(), TextForm.defaults("", call.caller()), new FieldErrors(), null);
    }

    @POST
    @Path("/calls")
    public Response call(@RestForm String numberId, @RestForm String caller, @RestForm String outcome) {
        UUID tenantId = tenant();
        CallForm form = new CallForm(numberId, caller, outcome);
        TextForm text = TextForm.defaults(numberId, caller);
        try {
            SimulatedCalls.Result result = calls.place(tenantId, form);
            CallForm placed = new CallForm(numberId, result.caller(), outcome);
            return Response.ok(index(tenantId, placed, new FieldErrors(), text, new FieldErrors(), result)).build();
        } catch (InvalidInputException e) {
            return Response.status(400).entity(index(tenantId, form, errors(e), text, new FieldErrors(), null)).build();
        }
    }

    @POST
    @Path("/texts")
    public Response text(@RestForm String numberId, @RestForm String caller, @RestForm String body) {
        UUID tenantId = tenant();
        TextForm form = new TextForm(numberId, caller, body);
        try {
            return toPhone(simulator.sendText(tenantId, form));
        } catch (InvalidInputException e) {
            CallForm call = new CallForm(numberId, caller, SimulatedOutcome.NO_ANSWER.value());
            return Response.status(400).entity(index(tenantId, call, new FieldErrors(), form, errors(e), null)).build();
        }
    }

    @POST
    @Path("/phones")
    public Response failureMode(@RestForm String caller, @RestForm String failureMode) {
        UUID tenantId = tenant();
        String phone = SimulatorService.phoneInPath(caller);
        try {
            simulator.setFailureMode(tenantId, phone, failureMode);
            return toPhone(phone);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(phone(tenantId, phone, replyTo(tenantId, phone), errors(e))).build();
        }
    }

    @GET
    @Path("/phones/{caller}")
    public TemplateInstance phone(@PathParam("caller") String caller) {
        UUID tenantId = tenant();
        String phone = SimulatorService.phoneInPath(caller);
        return phone(tenantId, phone, replyTo(tenantId, phone), new FieldErrors());
    }

    @GET
    @Path("/phones/{caller}/messages")
    public TemplateInstance messages(@PathParam("caller") String caller) {
        return Templates.phone$messages(simulator.messages(tenant(), SimulatorService.phoneInPath(caller)));
    }

    /** The phone's reply box: the customer texts the business back. */
    @POST
    @Path("/phones/{caller}/texts")
    public Response reply(@PathParam("caller") String caller, @RestForm String numberId, @RestForm String body) {
        UUID tenantId = tenant();
        String phone = SimulatorService.phoneInPath(caller);
        TextForm form = new TextForm(numberId, phone, body);
        try {
            simulator.sendText(tenantId, form);
            return toPhone(phone);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(phone(tenantId, phone, form, errors(e))).build();
        }
    }

    private TemplateInstance index(UUID tenantId, CallForm call, FieldErrors callErrors, TextForm text,
            FieldErrors textErrors, SimulatedCalls.Result result) {
        return Templates.index(simulator.numbers(tenantId), simulator.phones(tenantId), OUTCOMES, call, callErrors,
                text, textErrors, result);
    }

    private TemplateInstance phone(UUID tenantId, String phone, TextForm reply, FieldErrors errors) {
        return Templates.phone(phone, simulator.messages(tenantId, phone), simulator.failureMode(tenantId, phone),
                simulator.numbers(tenantId), reply, errors);
    }

    private TextForm replyTo(UUID tenantId, String phone) {
        return TextForm.defaults(simulator.replyNumberId(tenantId, phone), phone);
    }

    /** The simulator forges webhooks for the business's numbers: it is an admin's tool, and off in production. */
    private UUID tenant() {
        if (!config.enabled()) {
            throw new NotFoundException("The simulator is off");
        }
        UUID tenantId = tenantContext.require();
        currentUser.requireRole(Role.ADMIN);
        return tenantId;
    }

    private static FieldErrors errors(InvalidInputException e) {
        FieldErrors errors = new FieldErrors();
        e.errors().forEach(f -> errors.add(f.field(), f.message()));
        return errors;
    }

    private static Response toPhone(String e164) {
        return Response.seeOther(URI.create("/simulator/phones/" + URLEncoder.encode(e164, StandardCharsets.UTF_8)))
                .build();
    }
}
