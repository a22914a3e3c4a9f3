package com.callaback.compliance;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.support.AsTenant;
import com.callaback.support.Fixtures;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.restassured.response.Response;

/** Drives the registration wizard over HTTP for tests: a business awaiting registration, a valid form, a post. */
@ApplicationScoped
class Wizard {

    static final String PAGE = "/settings/texting-registration";

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;

    /** A business on the Twilio stub whose texts wait for registration, its owner signed in and working in it. */
    Fixtures.TwilioBusiness business(String name, String owner) {
        Fixtures.TwilioBusiness b = fixtures.twilioBusiness(name, true);
        fixtures.member(b.tenantId(), owner, "owner");
        given().redirects().follow(false).formParam("tenant", b.tenantId().toString()).post("/switch").then()
                .statusCode(303);
        AsTenant.run(b.tenantId(), () -> {
            Tenant tenant = Tenant.findById(b.tenantId());
            tenant.complianceType = "a2p_10dlc";
            tenant.complianceStatus = "registration_required";
        });
        return b;
    }

    /** A company's answers that pass every check. */
    static Map<String, Object> companyForm() {
        Map<String, Object> form = new HashMap<>();
        form.put("kind", "a2p_10dlc");
        form.put("businessType", "company");
        form.put("legalName", "Registered Roofing LLC");
        form.put("ein", "123456789");
        form.put("street", "1 Main St");
        form.put("city", "Chicago");
        form.put("region", "il");
        form.put("postalCode", "60601");
        form.put("website", "https://roofing.example.com");
        form.put("contactFirstName", "Dana");
        form.put("contactLastName", "Lee");
        form.put("contactEmail", "dana@roofing.example.com");
        form.put("contactPhone", "+1 (312) 555-0100");
        form.put("contactTitle", "Owner");
        form.put("useCase", "CUSTOMER_CARE");
        form.put("description", "We text back callers whose calls we missed, to answer what they called about.");
        form.put("sampleMessage1", "Hi Sam, sorry we missed you at Registered Roofing! How can we help? Reply STOP "
                + "to opt out.");
        form.put("sampleMessage2", "Registered Roofing: reply STOP to opt out. For help call us back.");
        form.put("messageFlow", "Customers call Registered Roofing. When we miss a call we text the caller back once; "
                + "they can reply STOP to opt out.");
        form.put("consent", "on");
        return form;
    }

    static Response post(Map<String, Object> form) {
        var spec = given().redirects().follow(false);
        for (Map.Entry<String, Object> field : form.entrySet()) {
            spec = spec.formParam(field.getKey(), field.getValue());
        }
        return spec.post(PAGE);
    }

    TextingRegistration registration(Fixtures.TwilioBusiness b) {
        return scope.call(b.tenantId(), () -> TextingRegistration.current().orElseThrow());
    }

    String numberSid(Fixtures.TwilioBusiness b) {
        return scope.call(b.tenantId(), () -> com.callaback.telephony.PhoneNumber.<com.callaback.telephony.PhoneNumber>
                findById(b.numberId()).twilioSid);
    }

    static Tenant tenant(Fixtures.TwilioBusiness b) {
        return AsTenant.call(b.tenantId(), () -> Tenant.<Tenant>findById(b.tenantId()));
    }
}
