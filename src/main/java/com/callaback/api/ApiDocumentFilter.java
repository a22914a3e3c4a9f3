package com.callaback.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Shapes the OpenAPI document for integrators: only the JSON API (pages, Twilio and Stripe webhooks and the
 * simulator are not for them), the bearer scheme on every route, and the problem responses every route can give.
 */
public class ApiDocumentFilter implements OASFilter {

    private static final String PROBLEM = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        Map<String, PathItem> items = openAPI.getPaths().getPathItems();
        items.keySet().stream().filter(path -> !ApiPaths.isApi(path)).toList()
                .forEach(openAPI.getPaths()::removePathItem);
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.getComponents().addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key of the business (cbk_..., created on Settings → API keys), or an OIDC access "
                        + "token of a member, as \"Authorization: Bearer <token>\"."));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("bearer")));
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().forEach((method, operation) ->
                addProblems(operation, method != PathItem.HttpMethod.GET)));
    }

    private static void addProblems(Operation operation, boolean writes) {
        APIResponses responses = operation.getResponses();
        problem(responses, "400", "Invalid input: the problem's errors name each field and what is wrong with it");
        problem(responses, "401", "No API key or token, or one that is unknown, revoked or expired");
        if (writes) {
            problem(responses, "403", "The API key has the read scope only");
        }
        problem(responses, "429", "Over the key's rate limit; wait the seconds in Retry-After");
    }

    private static void problem(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)))));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(List.of("phone")))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("Give a valid phone number, preferably in E.164 form such as +13125550142.")));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("Problem details (RFC 9457)")
                .addProperty("type", text).addProperty("title", OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING).examples(List.of("Invalid input")))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).examples(List.of(400)))
                .addProperty("detail", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError));
    }
}
