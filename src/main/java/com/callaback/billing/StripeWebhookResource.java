package com.callaback.billing;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;

/** Stripe's webhook endpoint: public, admitted only with a valid, fresh signature of the endpoint's secret. */
@Path("/api/stripe/webhook")
public class StripeWebhookResource {

    @Inject
    StripeGateway stripe;

    @Inject
    StripeEventService events;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receive(String payload, @HeaderParam("Stripe-Signature") String signature) {
        if (payload == null || payload.isBlank() || signature == null || signature.isBlank()) {
            return Response.status(400).entity("A Stripe-Signature header and a JSON body are required").build();
        }
        Event event;
        try {
            event = stripe.verifiedEvent(payload, signature);
        } catch (SignatureVerificationException e) {
            return Response.status(400).entity("Signature check failed: " + e.getMessage()).build();
        } catch (RuntimeException e) {
            return Response.status(400).entity("Not a Stripe event").build();
        }
        try {
            return Response.ok(events.handle(event).name()).build();
        } catch (StripeGateway.StripeFailure e) {
            // The subscription could not be read back: nothing was recorded, and Stripe retries the event later.
            return Response.status(503).entity("Stripe could not be reached to read the subscription; retry").build();
        }
    }
}
