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

import com.callaback.telephony.PhoneNumber;
import com.callaback.tenant.TenantContext;
import com.callaback.tenant.TenantScope;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The simulator page: call or text the active business's own numbers as any caller, and see that caller's phone. */
@Path("/simulator")
@Produces(MediaType.TEXT_HTML)
public class SimulatorResource {

    @Inject
    SimulatorConfig config;
    @Inject
    TenantContext tenantContext;
    @Inject
    TenantScope tenantScope;
    @Inject
    SimulatorService simulator;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<PhoneNumber> numbers, List<String> callers,
                List<SimulatorWebhookClient.Answer> steps, String caller, String outcome);

        static native TemplateInstance phone(String caller, List<SimulatorMessage> messages, String failureMode);
    }

    @GET
    public TemplateInstance index() {
        return page(List.of(), "+13125550123", "no-answer");
    }

    @POST
    @Path("/calls")
    public TemplateInstance call(@RestForm String numberId, @RestForm String caller, @RestForm String outcome) {
        List<SimulatorWebhookClient.Answer> steps = simulator.placeCall(tenant(), id(numberId), caller, outcome);
        return page(steps, com.callaback.telephony.PhoneNumberFormat.toE164(caller).orElse(caller), outcome);
    }

    @POST
    @Path("/texts")
    public Response text(@RestForm String numberId, @RestForm String caller, @RestForm String body) {
        simulator.sendText(tenant(), id(numberId), caller, body);
        return toPhone(caller);
    }

    @POST
    @Path("/phones")
    public Response failureMode(@RestForm String caller, @RestForm String failureMode) {
        simulator.setFailureMode(tenant(), caller, failureMode);
        return toPhone(caller);
    }

    @GET
    @Path("/phones/{caller}")
    public TemplateInstance phone(@PathParam("caller") String caller) {
        UUID tenantId = tenant();
        return Templates.phone(caller, simulator.phone(tenantId, caller), simulator.failureMode(tenantId, caller));
    }

    private TemplateInstance page(List<SimulatorWebhookClient.Answer> steps, String caller, String outcome) {
        UUID tenantId = tenant();
        List<PhoneNumber> numbers = tenantScope.call(tenantId, PhoneNumber::listActive);
        List<String> callers = tenantScope.call(tenantId, () -> SimulatorMessage.<SimulatorMessage>list(
                "order by createdAt desc").stream().map(m -> m.callerPhone).distinct().limit(20).toList());
        return Templates.index(numbers, callers, steps, caller, outcome);
    }

    private UUID tenant() {
        if (!config.enabled()) {
            throw new NotFoundException("The simulator is off");
        }
        return tenantContext.require();
    }

    private static UUID id(String value) {
        try {
            return UUID.fromString(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No active number of this business with that id");
        }
    }

    private static Response toPhone(String caller) {
        String e164 = com.callaback.telephony.PhoneNumberFormat.toE164(caller).orElse(caller);
        return Response.seeOther(URI.create("/simulator/phones/" + URLEncoder.encode(e164, StandardCharsets.UTF_8)))
                .build();
    }
}
