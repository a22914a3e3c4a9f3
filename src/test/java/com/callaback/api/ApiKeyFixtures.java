package com.callaback.api;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** API keys for tests, made through the same service as the settings page, and requests that send them. */
@ApplicationScoped
public class ApiKeyFixtures {

    @Inject
    TenantScope scope;
    @Inject
    ApiKeyService keys;
    @Inject
    Fixtures fixtures;

    public String key(UUID tenantId, boolean write) {
        UUID admin = fixtures.user("api-key-admin");
        return scope.call(tenantId, () -> keys.create("test key", write, admin).key());
    }

    public void revoke(UUID tenantId, String key) {
        scope.run(tenantId, () -> {
            com.callaback.identity.ApiKey apiKey = com.callaback.identity.ApiKey
                    .find("keyPrefix", ApiKeyService.prefixOf(key)).firstResult();
            keys.revoke(apiKey.id, null);
        });
    }

    public static RequestSpecification as(String key) {
        return RestAssured.given().redirects().follow(false).header("Authorization", "Bearer " + key)
                .contentType("application/json");
    }
}
