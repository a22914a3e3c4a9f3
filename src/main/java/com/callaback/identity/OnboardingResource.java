package com.callaback.identity;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.web.FieldErrors;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Self-serve signup: a signed-in person creates a business (or an agency) and becomes its owner. */
@Path("/onboarding")
@Produces(MediaType.TEXT_HTML)
public class OnboardingResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    BusinessSignup signup;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(BusinessForm form, FieldErrors errors, List<String> zones);
    }

    @GET
    public TemplateInstance form() {
        return Templates.form(BusinessForm.empty(), new FieldErrors(), zones());
    }

    @POST
    public Response create(@RestForm String name, @RestForm String timezone, @RestForm String forwardingPhone,
            @RestForm String areaCode, @RestForm String agency) {
        FieldErrors errors = new FieldErrors();
        BusinessForm submitted = new BusinessForm(name, timezone, forwardingPhone, areaCode, "on".equals(agency));
        BusinessForm valid = submitted.validated(errors);
        if (!errors.isEmpty()) {
            return Response.status(400).entity(Templates.form(submitted, errors, zones())).build();
        }
        signup.createOwnedBy(currentUser.userId(), valid);
        return Response.seeOther(URI.create("/")).build();
    }

    private static List<String> zones() {
        return BusinessForm.COMMON_ZONES.stream().sorted().toList();
    }
}
