package com.callaback.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The simulator's stand-in for Twilio's registration APIs (TrustHub, brands, messaging services, campaigns,
 * toll-free verifications): objects kept in memory per subaccount, created, listed, fetched, updated and deleted
 * the way the SDK expects. Reviews stay pending until someone decides them on the registration page.
 */
@ApplicationScoped
public class SimulatedRegistrations {

    /** subaccount → collection path → sid → object. Lost on restart: a demo store. */
    private final Map<String, Map<String, Map<String, Map<String, Object>>>> store = new ConcurrentHashMap<>();
    /** Subaccounts whose reviews approve whatever comes next (a campaign after its brand). */
    private final Map<String, Boolean> approving = new ConcurrentHashMap<>();

    public synchronized Response list(String account, String collection, MultivaluedMap<String, String> query) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> item : objects(account, collection).values()) {
            boolean matches = query.keySet().stream().filter(k -> !k.equals("PageSize") && !k.equals("Page"))
                    .allMatch(k -> String.valueOf(item.get(snake(k))).equals(query.getFirst(k)));
            if (matches) {
                items.add(item);
            }
        }
        String url = "https://simulator.twilio.com/v1/" + collection;
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", 0);
        meta.put("page_size", 50);
        meta.put("first_page_url", url);
        meta.put("previous_page_url", null);
        meta.put("url", url);
        meta.put("next_page_url", null);
        meta.put("key", key(collection));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(key(collection), items);
        page.put("meta", meta);
        return Response.ok(page).build();
    }

    public synchronized Response create(String account, String collection, MultivaluedMap<String, String> form) {
        String name = last(collection);
        Map<String, Object> item = fields(form);
        String sid = "PhoneNumbers".equals(name) && form.getFirst("PhoneNumberSid") != null
                ? form.getFirst("PhoneNumberSid") : SimulatedTwilioApi.newSid(prefix(name));
        item.put("sid", sid);
        item.put("account_sid", account);
        switch (name) {
            case "BrandRegistrations" -> item.put("status", approving.containsKey(account) ? "APPROVED" : "PENDING");
            case "Usa2p" -> {
                item.put("campaign_status", approving.containsKey(account) ? "VERIFIED" : "IN_PROGRESS");
                item.put("messaging_service_sid", collection.split("/")[1]);
                item.put("errors", List.of());
            }
            case "Verifications" -> item.put("status", approving.containsKey(account) ? "TWILIO_APPROVED"
                    : "PENDING_REVIEW");
            case "CustomerProfiles", "TrustProducts" -> item.put("status", "draft");
            case "Services" -> item.put("us_app_to_person_registered", false);
            default -> {
            }
        }
        objects(account, collection).put(sid, item);
        return Response.status(201).entity(item).build();
    }

    public synchronized Response fetch(String account, String collection, String sid) {
        Map<String, Object> item = objects(account, collection).get(sid);
        return item == null ? SimulatedTwilioApi.error(404, 20404, "The requested resource was not found")
                : Response.ok(item).build();
    }

    public synchronized Response update(String account, String collection, String sid,
            MultivaluedMap<String, String> form) {
        Map<String, Object> item = objects(account, collection).get(sid);
        if (item == null) {
            return SimulatedTwilioApi.error(404, 20404, "The requested resource was not found");
        }
        item.putAll(fields(form));
        return Response.ok(item).build();
    }

    public synchronized Response delete(String account, String collection, String sid) {
        return objects(account, collection).remove(sid) == null
                ? SimulatedTwilioApi.error(404, 20404, "The requested resource was not found")
                : Response.noContent().build();
    }

    /**
     * Decides the subaccount's open reviews. Approving approves the brand, campaign or toll-free verification
     * under review and whatever is submitted after them; rejecting fails the first one still under review (the
     * brand before its campaign) with the reason given, once.
     */
    public synchronized void review(String account, boolean approve, String reason) {
        Map<String, Map<String, Map<String, Object>>> collections = store.getOrDefault(account, Map.of());
        if (approve) {
            approving.put(account, true);
        } else {
            approving.remove(account);
        }
        for (Map.Entry<String, Map<String, Map<String, Object>>> entry : collections.entrySet()) {
            for (Map<String, Object> item : entry.getValue().values()) {
                switch (last(entry.getKey())) {
                    case "BrandRegistrations" -> {
                        if (approve) {
                            item.put("status", "APPROVED");
                        } else if (!"APPROVED".equals(item.get("status"))) {
                            item.put("status", "FAILED");
                            item.put("failure_reason", reason);
                            return;
                        }
                    }
                    case "Verifications" -> {
                        item.put("status", approve ? "TWILIO_APPROVED" : "TWILIO_REJECTED");
                        item.put("rejection_reason", approve ? null : reason);
                    }
                    default -> {
                    }
                }
            }
        }
        for (Map.Entry<String, Map<String, Map<String, Object>>> entry : collections.entrySet()) {
            if ("Usa2p".equals(last(entry.getKey()))) {
                for (Map<String, Object> campaign : entry.getValue().values()) {
                    campaign.put("campaign_status", approve ? "VERIFIED" : "FAILED");
                    campaign.put("errors", approve ? List.of() : List.of(Map.of("description", reason)));
                }
            }
        }
    }

    /** An address for a customer profile (2010-04-01 API, its own paging shape). */
    public synchronized Response createAddress(String account, MultivaluedMap<String, String> form) {
        Map<String, Object> address = new LinkedHashMap<>();
        form.forEach((k, values) -> address.put(snake(k), values.get(0)));
        String sid = SimulatedTwilioApi.newSid("AD");
        address.put("sid", sid);
        address.put("account_sid", account);
        objects(account, "Addresses").put(sid, address);
        return Response.status(201).entity(address).build();
    }

    public synchronized Response listAddresses(String account, String friendlyName) {
        List<Map<String, Object>> found = objects(account, "Addresses").values().stream()
                .filter(a -> friendlyName == null || friendlyName.equals(a.get("friendly_name"))).toList();
        return Response.ok(SimulatedTwilioApi.page("addresses", "/2010-04-01/Accounts/" + account
                + "/Addresses.json", found)).build();
    }

    /** The posted fields in Twilio's JSON names; the ones Twilio answers as lists stay lists with one value. */
    private static Map<String, Object> fields(MultivaluedMap<String, String> form) {
        Map<String, Object> fields = new LinkedHashMap<>();
        form.forEach((k, values) -> {
            String field = snake(k);
            fields.put(field, values.size() == 1 && !LISTS.contains(field) ? values.get(0) : values);
        });
        return fields;
    }

    private static final java.util.Set<String> LISTS = java.util.Set.of("message_samples", "opt_in_keywords",
            "opt_out_keywords", "help_keywords", "use_case_categories", "opt_in_image_urls");

    private Map<String, Map<String, Object>> objects(String account, String collection) {
        return store.computeIfAbsent(account, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(collection, c -> new LinkedHashMap<>());
    }

    private static String last(String collection) {
        return collection.substring(collection.lastIndexOf('/') + 1);
    }

    /** The list key each SDK reader expects. */
    private static String key(String collection) {
        return switch (last(collection)) {
            case "BrandRegistrations" -> "data";
            case "Services" -> "services";
            case "PhoneNumbers" -> "phone_numbers";
            case "Usa2p" -> "compliance";
            case "Verifications" -> "verifications";
            default -> "results";
        };
    }

    private static String prefix(String name) {
        return switch (name) {
            case "EndUsers" -> "IT";
            case "SupportingDocuments" -> "RD";
            case "CustomerProfiles", "TrustProducts" -> "BU";
            case "EntityAssignments" -> "BV";
            case "Evaluations" -> "EL";
            case "BrandRegistrations" -> "BN";
            case "Services" -> "MG";
            case "Usa2p" -> "QE";
            case "Verifications" -> "HH";
            default -> "XX";
        };
    }

    /** Twilio's form names (FriendlyName) as its JSON names (friendly_name). */
    static String snake(String pascal) {
        return pascal.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
