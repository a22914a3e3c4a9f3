package com.callaback.billing;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Event;

import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies a verified Stripe event to the business of its customer. Events come more than once and in any order, so
 * none is applied as a step: the subscription it names is read from Stripe as it is now and the business takes on
 * that state, and the event id is recorded in the same transaction (stripe_events) so a replay changes nothing.
 */
@ApplicationScoped
public class StripeEventService {

    private static final Logger LOG = Logger.getLogger(StripeEventService.class);

    static final Set<String> HANDLED = Set.of("checkout.session.completed", "customer.subscription.created",
            "customer.subscription.updated", "customer.subscription.deleted", "invoice.paid",
            "invoice.payment_failed");

    /** What became of an event (the webhook's response body, for Stripe's dashboard and for tests). */
    public enum Outcome {
        applied, duplicate, ignored, unknown_customer
    }

    @Inject
    StripeGateway stripe;

    @Inject
    TenantScope tenantScope;

    @Inject
    SubscriptionSync sync;

    @Inject
    EntityManager em;

    public Outcome handle(Event event) {
        if (!HANDLED.contains(event.getType())) {
            return Outcome.ignored;
        }
        JsonObject object = JsonParser.parseString(event.getDataObjectDeserializer().getRawJson()).getAsJsonObject();
        String customerId = string(object, "customer");
        UUID tenantId = customerId == null ? null : QuarkusTransaction.requiringNew().call(() -> routeCustomer(customerId));
        if (tenantId == null) {
            LOG.infof("Stripe event %s (%s) names no customer of ours", event.getId(), event.getType());
            return Outcome.unknown_customer;
        }
        if (tenantScope.call(tenantId, () -> StripeEvent.count("eventId", event.getId()) > 0)) {
            return Outcome.duplicate;
        }
        String subscriptionId = subscriptionOf(event.getType(), object);
        // Read with no transaction open: Stripe's answer is the state to converge on, as of when it was asked.
        Instant readAt = Instant.now();
        StripeGateway.SubscriptionState state = subscriptionId == null ? null : stripe.subscription(subscriptionId);
        boolean applied = tenantScope.call(tenantId, () -> {
            if (!recordOnce(event)) {
                return false;
            }
            if (state != null && customerId.equals(state.customerId())) {
                sync.apply(state, readAt);
            }
            return true;
        });
        return applied ? Outcome.applied : Outcome.duplicate;
    }

    private UUID routeCustomer(String customerId) {
        Object id = em.createNativeQuery("select route_stripe_customer(?1)").setParameter(1, customerId)
                .getSingleResult();
        return id == null ? null : (UUID) id;
    }

    /** Records the event as processed; false when a concurrent delivery of the same event got there first. */
    private boolean recordOnce(Event event) {
        return em.createNativeQuery("insert into stripe_events (tenant_id, id, event_id, type) "
                + "values (current_tenant_id(), ?1, ?2, ?3) on conflict (tenant_id, event_id) do nothing")
                .setParameter(1, UUID.randomUUID()).setParameter(2, event.getId()).setParameter(3, event.getType())
                .executeUpdate() == 1;
    }

    /** The subscription an event is about: the object itself, the one Checkout created, or the invoice's. */
    static String subscriptionOf(String type, JsonObject object) {
        if (type.startsWith("customer.subscription.")) {
            return string(object, "id");
        }
        String direct = string(object, "subscription");
        if (direct != null) {
            return direct;
        }
        // Invoices of current API versions name it under parent.subscription_details.
        JsonObject parent = object.has("parent") && object.get("parent").isJsonObject()
                ? object.getAsJsonObject("parent") : null;
        JsonObject details = parent != null && parent.has("subscription_details")
                && parent.get("subscription_details").isJsonObject() ? parent.getAsJsonObject("subscription_details")
                        : null;
        return details == null ? null : string(details, "subscription");
    }

    private static String string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        // An expanded object carries its id.
        return value.isJsonObject() ? string(value.getAsJsonObject(), "id") : value.getAsString();
    }
}
