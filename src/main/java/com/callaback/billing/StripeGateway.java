package com.callaback.billing;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

/**
 * The only class that talks to Stripe (stripe-java). Never called inside a database transaction. A failure is a
 * {@link StripeFailure}, whose message is safe to show.
 */
@ApplicationScoped
public class StripeGateway {

    /** The state of a subscription as Stripe has it now: what the webhooks converge on, whatever their order. */
    public record SubscriptionState(String id, String customerId, String status, List<String> priceIds,
            Instant periodStart, Instant periodEnd) {
    }

    /** One invoice as the billing page lists it. */
    public record InvoiceLine(String number, Instant created, long totalCents, String currency, String status,
            String url) {

        /** The total as "79.00 USD". */
        public String amount() {
            return String.format(java.util.Locale.ROOT, "%d.%02d %s", totalCents / 100, Math.abs(totalCents % 100),
                    currency == null ? "" : currency.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Inject
    BillingConfig config;

    private volatile StripeClient client;

    private StripeClient client() {
        if (client == null) {
            StripeClient.StripeClientBuilder builder = StripeClient.builder()
                    .setApiKey(config.secretKey().orElseThrow(() -> new StripeFailure("No Stripe secret key", null)))
                    // Our own jobs retry with backoff; the SDK's retries would hide an outage from them.
                    .setMaxNetworkRetries(0).setConnectTimeout(10_000).setReadTimeout(20_000);
            config.apiBase().ifPresent(builder::setApiBase);
            client = builder.build();
        }
        return client;
    }

    /** Checks the signature and its age; the event is parsed only if both are right. */
    public Event verifiedEvent(String payload, String signatureHeader) throws SignatureVerificationException {
        String secret = config.webhookSecret().orElseThrow(
                () -> new SignatureVerificationException("No webhook secret is configured", signatureHeader));
        return Webhook.constructEvent(payload, signatureHeader, secret, config.webhookTolerance().toSeconds());
    }

    public String createCustomer(String businessName, String email, String tenantId) {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder().setName(businessName)
                .putMetadata("tenant_id", tenantId);
        if (email != null) {
            params.setEmail(email);
        }
        return call(() -> client().v1().customers().create(params.build()).getId(), "create the customer");
    }

    /** A Checkout page for a subscription: the plan's flat monthly price and its metered per-segment price. */
    public String checkoutUrl(String customerId, Plan plan, String successUrl, String cancelUrl) {
        SessionCreateParams.Builder params = SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId).setSuccessUrl(successUrl).setCancelUrl(cancelUrl)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(plan.stripePriceId).setQuantity(1L).build());
        if (plan.stripeMeteredPriceId != null) {
            // A metered price has no quantity: the meter's events make it.
            params.addLineItem(SessionCreateParams.LineItem.builder().setPrice(plan.stripeMeteredPriceId).build());
        }
        return call(() -> client().v1().checkout().sessions().create(params.build()).getUrl(), "open Checkout");
    }

    public String portalUrl(String customerId, String returnUrl) {
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(customerId).setReturnUrl(returnUrl).build();
        return call(() -> client().v1().billingPortal().sessions().create(params).getUrl(), "open the billing portal");
    }

    public SubscriptionState subscription(String subscriptionId) {
        return call(() -> {
            Subscription s = client().v1().subscriptions().retrieve(subscriptionId);
            List<SubscriptionItem> items = s.getItems() == null ? List.of() : s.getItems().getData();
            Instant start = items.stream().map(SubscriptionItem::getCurrentPeriodStart).filter(t -> t != null)
                    .findFirst().map(Instant::ofEpochSecond).orElse(null);
            Instant end = items.stream().map(SubscriptionItem::getCurrentPeriodEnd).filter(t -> t != null)
                    .findFirst().map(Instant::ofEpochSecond).orElse(null);
            return new SubscriptionState(s.getId(), s.getCustomer(), s.getStatus(),
                    items.stream().map(i -> i.getPrice() == null ? null : i.getPrice().getId()).toList(), start, end);
        }, "read the subscription");
    }

    public List<InvoiceLine> invoices(String customerId) {
        return call(() -> client().v1().invoices().list(InvoiceListParams.builder().setCustomer(customerId)
                .setLimit(12L).build()).getData().stream()
                .map(i -> new InvoiceLine(i.getNumber(), Instant.ofEpochSecond(i.getCreated()),
                        i.getTotal() == null ? 0 : i.getTotal(), i.getCurrency(), i.getStatus(),
                        i.getHostedInvoiceUrl()))
                .toList(), "list invoices");
    }

    /**
     * One meter event per message. Stripe drops a second event with the same identifier within 24 hours, so a
     * report retried after a crash between this call and our commit is not counted twice.
     */
    public void reportUsage(String customerId, String identifier, int segments, Instant at) {
        MeterEventCreateParams params = MeterEventCreateParams.builder().setEventName(config.meterEventName())
                .setIdentifier(identifier).setTimestamp(at.getEpochSecond())
                .putPayload("stripe_customer_id", customerId).putPayload("value", Integer.toString(segments)).build();
        call(() -> client().v1().billing().meterEvents().create(params), "report usage");
    }

    /** Segments Stripe's meter counted for a customer between two times (minute-aligned), all windows summed. */
    public java.math.BigDecimal meterTotal(String meterId, String customerId, Instant from, Instant to) {
        com.stripe.param.billing.MeterEventSummaryListParams params = com.stripe.param.billing.MeterEventSummaryListParams
                .builder().setCustomer(customerId).setStartTime(from.getEpochSecond()).setEndTime(to.getEpochSecond())
                .build();
        return call(() -> {
            java.math.BigDecimal total = java.math.BigDecimal.ZERO;
            for (com.stripe.model.billing.MeterEventSummary summary : client().v1().billing().meters().eventSummaries()
                    .list(meterId, params).autoPagingIterable()) {
                total = total.add(summary.getAggregatedValue() == null ? java.math.BigDecimal.ZERO
                        : summary.getAggregatedValue());
            }
            return total;
        }, "read the meter's summary");
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private static <T> T call(StripeCall<T> call, String what) {
        try {
            return call.call();
        } catch (StripeException e) {
            throw new StripeFailure("Stripe could not " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The SDK fails this way on some broken answers (a 5xx with no body: NullPointerException).
            throw new StripeFailure("Stripe could not " + what + ": unreadable answer (" + e + ")", e);
        }
    }

    /** A Stripe call that failed (network, refused, not found). */
    public static class StripeFailure extends RuntimeException {
        public StripeFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
