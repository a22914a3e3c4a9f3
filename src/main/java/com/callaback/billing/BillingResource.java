package com.callaback.billing;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.callaback.identity.CurrentUser;
import com.callaback.identity.Role;
import com.callaback.web.FieldErrors;
import com.callaback.web.InvalidInputException;
import com.callaback.web.PlatformConfig;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The billing page (owners only): plan and status, usage this period, invoices, Checkout and the Portal. A refused
 * action answers with the page again (4xx), its message beside the control it came from and the plan chosen kept.
 */
@Path("/billing")
@Produces(MediaType.TEXT_HTML)
public class BillingResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    BillingService billing;
    @Inject
    StripeGateway stripe;
    @Inject
    PlatformConfig platform;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(BillingService.Overview billing, List<StripeGateway.InvoiceLine> invoices,
                String invoicesError, Instant now, String notice, FieldErrors errors, String chosenPlan);
    }

    /** An action the page cannot take: the status it answers with, the control it concerns, and why. */
    static class Refusal extends RuntimeException {
        final int status;
        final String field;

        Refusal(int status, String field, String message) {
            super(message);
            this.status = status;
            this.field = field;
        }
    }

    @GET
    public TemplateInstance index(@QueryParam("checkout") String checkout) {
        currentUser.requireRole(Role.OWNER);
        String notice = "done".equals(checkout)
                ? "Thank you: the plan is active as soon as Stripe confirms the payment (usually within seconds)." : null;
        return page(notice, new FieldErrors(), null);
    }

    /** Local billing mode: the chosen plan is active at once. */
    @POST
    @Path("/plan")
    public Response choosePlan(@RestForm String plan) {
        currentUser.requireRole(Role.OWNER);
        return act(plan, () -> {
            billing.choosePlanLocally(plan, Instant.now());
            return Response.seeOther(URI.create("/billing")).build();
        });
    }

    /** Opens Stripe Checkout for a subscription to the plan: its flat price and its metered per-segment price. */
    @POST
    @Path("/checkout")
    public Response checkout(@RestForm String plan) {
        currentUser.requireRole(Role.OWNER);
        return act(plan, () -> {
            BillingService.Overview overview = billing.overview(Instant.now());
            if (overview.local()) {
                throw new Refusal(400, "plan", "Billing runs locally here: choose the plan on the billing page.");
            }
            if (overview.paidByAgency()) {
                throw new Refusal(409, "plan", overview.payingAgency().name() + " pays for this business.");
            }
            if (overview.subscriptionRuns()) {
                // A second subscription would charge the flat price twice and count every segment on both prices.
                throw new Refusal(409, "plan", "This business already has a subscription: change its plan with "
                        + "\"Payment method, invoices and cancellation (Stripe)\" below.");
            }
            Plan chosen = billing.planToBuy(plan);
            if (chosen.stripePriceId == null) {
                throw new Refusal(409, "plan", "The " + chosen.displayName + " plan is not on sale yet.");
            }
            String base = platform.publicBaseUrl();
            return redirect(stripe.checkoutUrl(customer(overview), chosen, base + "/billing?checkout=done",
                    base + "/billing"));
        });
    }

    /** Opens Stripe's Customer Portal: payment method, plan change, cancellation. */
    @POST
    @Path("/portal")
    public Response portal() {
        currentUser.requireRole(Role.OWNER);
        return act(null, () -> {
            BillingService.Overview overview = billing.overview(Instant.now());
            if (overview.local() || overview.tenant().stripeCustomerId == null) {
                throw new Refusal(400, "portal", "There is no Stripe subscription to manage yet: choose a plan.");
            }
            return redirect(stripe.portalUrl(overview.tenant().stripeCustomerId, platform.publicBaseUrl() + "/billing"));
        });
    }

    /** Runs an action; a refusal, bad input or Stripe out of reach answers with the page and the message. */
    private Response act(String chosenPlan, java.util.function.Supplier<Response> action) {
        try {
            return action.get();
        } catch (Refusal e) {
            return refused(e.status, new FieldErrors().add(e.field, e.getMessage()), chosenPlan);
        } catch (InvalidInputException e) {
            FieldErrors errors = new FieldErrors();
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
            return refused(400, errors, chosenPlan);
        } catch (StripeGateway.StripeFailure e) {
            return refused(502, new FieldErrors().add("stripe",
                    "Stripe could not be reached. Please try again in a minute."), chosenPlan);
        }
    }

    private Response refused(int status, FieldErrors errors, String chosenPlan) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page(null, errors, chosenPlan)).build();
    }

    private TemplateInstance page(String notice, FieldErrors errors, String chosenPlan) {
        BillingService.Overview overview = billing.overview(Instant.now());
        List<StripeGateway.InvoiceLine> invoices = List.of();
        String invoicesError = null;
        if (!overview.local() && overview.tenant().stripeCustomerId != null) {
            try {
                invoices = stripe.invoices(overview.tenant().stripeCustomerId);
            } catch (StripeGateway.StripeFailure e) {
                invoicesError = "Invoices could not be loaded from Stripe just now.";
            }
        }
        String kept = chosenPlan != null && overview.plans().stream().anyMatch(p -> p.code.equals(chosenPlan))
                ? chosenPlan : overview.tenant().plan;
        return Templates.index(overview, invoices, invoicesError, Instant.now(), notice, errors, kept);
    }

    /** The business's Stripe customer, made on its first Checkout (the webhooks find the business by it). */
    private String customer(BillingService.Overview overview) {
        if (overview.tenant().stripeCustomerId != null) {
            return overview.tenant().stripeCustomerId;
        }
        String made = stripe.createCustomer(overview.tenant().name, null, overview.tenant().id.toString());
        return billing.keepCustomer(made);
    }

    private static Response redirect(String url) {
        return Response.seeOther(URI.create(url)).build();
    }
}
