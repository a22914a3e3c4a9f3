package com.callaback.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import com.callaback.api.ApiKeyService;
import com.callaback.api.WebhookService;
import com.callaback.contacts.Contact;
import com.callaback.contacts.Interaction;
import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpType;
import com.callaback.identity.InvitationService;
import com.callaback.identity.Membership;
import com.callaback.identity.Role;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/**
 * The isolation matrix, generated from the application's own routes: every page and API route with an id in its path,
 * asked by business B's owner, admin and member with business A's ids, answers 404 (or, for a role without
 * the right, the same 403 it gives for any id) and changes none of A's rows. A new route with an id
 * and no entry in {@link #KIND_OF_ROUTE} fails the build, naming the route.
 */
@QuarkusTest
class IsolationMatrixTest {

    /** What each id in a route names, by route ({@code METHOD /path}). */
    private static final Map<String, String> KIND_OF_ROUTE = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /contacts/{id}", "contact"),
            Map.entry("POST /contacts/{id}", "contact"),
            Map.entry("POST /contacts/{id}/opt-out", "contact"),
            Map.entry("POST /contacts/{id}/opt-in", "contact"),
            Map.entry("GET /conversations/{id}", "contact"),
            Map.entry("GET /conversations/{id}/timeline", "contact"),
            Map.entry("POST /conversations/{id}/reply", "contact"),
            Map.entry("POST /conversations/{id}/category", "contact"),
            Map.entry("GET /api/contacts/{id}", "contact"),
            Map.entry("PATCH /api/contacts/{id}", "contact"),
            Map.entry("GET /api/user/{id}", "contact"),
            Map.entry("PUT /api/interactions/{id}/category", "interaction"),
            Map.entry("GET /leads/{id}", "lead"),
            Map.entry("POST /leads/{id}", "lead"),
            Map.entry("POST /leads/{id}/status", "lead"),
            Map.entry("POST /api/leads/{id}/move", "lead"),
            Map.entry("GET /api/follow-ups/{id}", "followUp"),
            Map.entry("POST /api/follow-ups/{id}/cancel", "followUp"),
            Map.entry("POST /follow-ups/{id}/retry", "followUp"),
            Map.entry("POST /follow-ups/{id}/cancel", "followUp"),
            Map.entry("POST /follow-ups/{id}/reschedule", "followUp"),
            Map.entry("POST /follow-ups/{id}/done", "followUp"),
            Map.entry("GET /notifications/{id}/open", "notification"),
            Map.entry("POST /notifications/{id}/read", "notification"),
            Map.entry("POST /settings/team/invitations/{id}/revoke", "invitation"),
            Map.entry("POST /settings/team/members/{id}/role", "membership"),
            Map.entry("POST /settings/team/members/{id}/remove", "membership"),
            Map.entry("POST /settings/webhooks/{id}/remove", "webhookEndpoint"),
            Map.entry("POST /settings/api-keys/{id}/revoke", "apiKey"),
            Map.entry("POST /settings/numbers/{id}/release", "phoneNumber"),
            Map.entry("POST /agency/clients/{id}/enter", "client"),
            Map.entry("POST /agency/clients/{id}/invite-owner", "client")));

    /** Routes whose path parameter is not a business's record, with why. */
    private static final Map<String, String> NOT_TENANT_IDS = Map.of(
            "GET /invitations/{token}", "the token is the credential, accepted only by the invited address",
            "POST /invitations/{token}", "the token is the credential, accepted only by the invited address");

    /** The business's tables the matrix's requests could change. */
    private static final List<String> TABLES = List.of("contacts", "interactions", "leads", "follow_ups",
            "notifications", "invitations", "memberships", "api_keys", "webhook_endpoints", "phone_numbers");

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;
    @Inject
    InvitationService invitations;
    @Inject
    ApiKeyService apiKeys;
    @Inject
    WebhookService webhooks;

    @Test
    void everyRouteWithAnIdIsInTheMatrix() throws IOException {
        TreeSet<String> missing = new TreeSet<>(routesWithIds());
        missing.removeAll(KIND_OF_ROUTE.keySet());
        missing.removeAll(NOT_TENANT_IDS.keySet());
        assertThat(missing).as("routes with an id and no entry in IsolationMatrixTest.KIND_OF_ROUTE").isEmpty();
        assertThat(routesWithIds()).containsAll(KIND_OF_ROUTE.keySet());
    }

    @Test
    @TestSecurity(user = "matrix-b-owner")
    void businessBGets404ForEveryIdOfBusinessAAndChangesNothing() throws IOException {
        Map<String, UUID> a = businessA();
        UUID b = fixtures.agency("Matrix B Agency");
        fixtures.member(b, "matrix-b-owner", "owner");
        given().redirects().follow(false).formParam("tenant", b.toString()).post("/switch").then().statusCode(303);
        UUID ownContact = fixtures.contact(b, Fixtures.randomPhone(), "B's own caller");
        Map<String, String> before = snapshot(a.get("tenant"));
        assertThat(before.get("contacts")).contains(a.get("contact").toString());
        String clientBefore = ownRow(a.get("client"));

        for (String role : List.of("owner", "admin", "member")) {
            scope.run(b, () -> Membership.update("role = ?1 where userId = ?2", role, fixtures.user("matrix-b-owner")));
            // The control: B's own records are found, so a 404 below is about A's ids, not a broken sign-in.
            given().redirects().follow(false).header("Accept", "text/html").get("/contacts/" + ownContact).then()
                    .statusCode(200);
            given().redirects().follow(false).get("/api/contacts/" + ownContact).then().statusCode(200);
            List<String> leaks = new ArrayList<>();
            for (Map.Entry<String, String> route : KIND_OF_ROUTE.entrySet()) {
                String method = route.getKey().substring(0, route.getKey().indexOf(' '));
                String path = route.getKey().substring(method.length() + 1)
                        .replace("{id}", a.get(route.getValue()).toString());
                int status = request(method, path).statusCode();
                // A role without the right is refused before any lookup: the same 403 for any id tells nothing.
                boolean refusedForAnyId = status == 403 && request(method, route.getKey().substring(method.length() + 1)
                        .replace("{id}", UUID.randomUUID().toString())).statusCode() == 403;
                if (status != 404 && !refusedForAnyId) {
                    leaks.add(route.getKey() + " answered " + status);
                }
            }
            assertThat(leaks).as("routes that did not answer 404 for business A's ids, as B's %s", role).isEmpty();
        }
        assertThat(snapshot(a.get("tenant"))).as("business A's rows").isEqualTo(before);
        assertThat(ownRow(a.get("client"))).as("agency A's client").isEqualTo(clientBefore);
    }

    private static Response request(String method, String path) {
        var spec = given().redirects().follow(false).header("Accept", path.startsWith("/api/") ? "application/json"
                : "text/html");
        if (path.startsWith("/api/")) {
            spec = spec.contentType("application/json").body("{\"category\":\"LEAD\",\"status\":\"won\",\"name\":\"x\"}");
        } else if (!method.equals("GET")) {
            spec = spec.formParam("role", "member").formParam("status", "won").formParam("body", "hello")
                    .formParam("category", "LEAD").formParam("email", "matrix@example.com").formParam("name", "x")
                    .formParam("at", "2030-01-01T10:00");
        }
        return spec.request(method, path);
    }

    /** Business A with one record of every kind a route names. */
    private Map<String, UUID> businessA() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Matrix A Dental", true);
        String caller = Fixtures.randomPhone();
        String callSid = TwilioCalls.callSid();
        TwilioWebhooks twilio = new TwilioWebhooks();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, caller))
                .then().statusCode(200);
        twilio.post("/api/twilio/dial-status", shop.authToken(), TwilioCalls.dialStatus(shop, callSid, caller,
                "no-answer")).then().statusCode(200);
        UUID owner = fixtures.user("matrix-a-owner");
        fixtures.member(shop.tenantId(), "matrix-a-owner", "owner");
        fixtures.member(shop.tenantId(), "matrix-a-member", "member");
        UUID agency = fixtures.agency("Matrix A Agency");
        Map<String, UUID> ids = new TreeMap<>(scope.call(shop.tenantId(), () -> {
            Contact contact = Contact.<Contact>find("phone", caller).firstResult();
            Map<String, UUID> found = new TreeMap<>();
            found.put("contact", contact.id);
            found.put("interaction", Interaction.<Interaction>find("contactId", contact.id).firstResult().id);
            found.put("lead", com.callaback.contacts.Lead.findOpenFor(contact.id).orElseThrow().id);
            found.put("followUp", FollowUp.schedule(contact.id, null, FollowUpType.CALLBACK, "call back",
                    Instant.now().plus(1, ChronoUnit.DAYS)).id);
            found.put("notification", Notification.raise("send_failed", "Matrix", "A's notification", "/").id);
            found.put("invitation", invitations.invite(owner, Role.OWNER, "matrix-invitee@example.com", "member").id());
            found.put("membership", Membership.<Membership>find("userId", fixtures.user("matrix-a-member"))
                    .firstResult().id);
            found.put("apiKey", apiKeys.create("matrix key", true, owner).apiKey().id);
            found.put("webhookEndpoint", webhooks.register("http://localhost:1/matrix", owner).endpoint().id);
            return found;
        }));
        ids.put("phoneNumber", shop.numberId());
        ids.put("client", fixtures.clientOf(agency, "Matrix A Client"));
        ids.put("tenant", shop.tenantId());
        return ids;
    }

    /** Every row of business A in the tables the routes touch, as JSON, read as A. */
    @SuppressWarnings("unchecked")
    private Map<String, String> snapshot(UUID tenant) {
        return scope.call(tenant, () -> {
            Map<String, String> rows = new TreeMap<>();
            for (String table : TABLES) {
                List<Object> json = em.createNativeQuery("select row_to_json(t)::text from " + table
                        + " t order by t.id").getResultList();
                rows.put(table, json.toString());
            }
            return rows;
        });
    }

    /** A business's own row, read as that business. */
    private String ownRow(UUID tenant) {
        return scope.call(tenant, () -> String.valueOf(em.createNativeQuery(
                "select row_to_json(t)::text from tenants t where t.id = current_tenant_id()").getResultList()));
    }

    /** {@code METHOD /path} of every resource method whose path has a parameter, from the compiled classes. */
    private static TreeSet<String> routesWithIds() throws IOException {
        TreeSet<String> routes = new TreeSet<>();
        Path root = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(root.resolve("com/callaback"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains("$") || name.startsWith("com.callaback.simulator.")) {
                    continue; // the simulator is off in production and acts on simulated numbers only
                }
                Class<?> type;
                try {
                    type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = verb(method);
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = ("/" + base.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                    path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                    if (path.contains("{")) {
                        routes.add(verb + " " + path);
                    }
                }
            }
        }
        return routes;
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        return method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
    }
}
