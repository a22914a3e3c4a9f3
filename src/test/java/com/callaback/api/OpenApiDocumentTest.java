package com.callaback.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document describes every API route (and nothing else) with a summary, examples and the bearer scheme. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String[] ROUTES = { "/api/contacts", "/api/contacts/search", "/api/contacts/{id}",
            "/api/users", "/api/user/{id}", "/api/interactions", "/api/interactions/{id}/category", "/api/leads",
            "/api/leads/{id}/move", "/api/follow-ups", "/api/follow-ups/{id}", "/api/follow-ups/{id}/cancel",
            "/api/send-followup" };

    @Test
    void everyApiRouteIsDescribedAndNothingElseIs() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        assertThat(paths.keySet()).containsExactlyInAnyOrder(ROUTES);
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            assertThat(operation.get("summary")).as("%s %s summary", method, path).isNotNull();
            assertThat(((Map<String, ?>) operation.get("responses")).keySet()).as("%s %s", method, path).contains("401", "429");
        }));
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(doc.getString("components.schemas.ContactInput.properties.phone.examples[0]"))
                .isEqualTo("+13125550142");
        assertThat(doc.getMap("components.schemas.Problem.properties")).containsKeys("title", "status", "detail", "errors");
        given().redirects().follow(false).get("/q/swagger-ui/").then().statusCode(200);
    }
}
