package com.callaback.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The OpenAPI document and Swagger UI on the path docs/api.md gives for production: with production's separate
 * management interface switched on (health and metrics move there), both stay on the app's public port at /q/openapi
 * and /q/swagger-ui, without signing in; and Swagger UI is built into the packaged app, not only in dev and test.
 */
@QuarkusTest
@TestProfile(OpenApiInProductionTest.ManagementInterface.class)
class OpenApiInProductionTest {

    /** Production's management interface (application.properties: %prod.quarkus.management.enabled). */
    public static class ManagementInterface implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true", "quarkus.management.test-port", "9093");
        }
    }

    @Test
    void theDocumentAndSwaggerUiAreOnThePublicPortWhenTheManagementInterfaceIsOn() {
        given().redirects().follow(false).queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", org.hamcrest.Matchers.equalTo("Callaback API"));
        given().redirects().follow(false).get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("swagger-ui"));
        given().redirects().follow(false).get("/q/health").then().statusCode(404);
        given().redirects().follow(false).get("http://localhost:9093/q/health").then().statusCode(200);
        var config = ConfigProvider.getConfig();
        assertThat(config.getValue("quarkus.swagger-ui.always-include", Boolean.class))
                .as("Swagger UI is packaged into the production build").isTrue();
        assertThat(config.getValue("quarkus.smallrye-openapi.management.enabled", Boolean.class))
                .as("the document is not moved to the management port").isFalse();
    }
}
