package com.callaback.seed;

import java.util.List;
import java.util.Map;

/** One demo business as written in a {@code tenants-seed/*.yaml} file; an agency lists its clients inline. */
public record SeedBusiness(String slug, String name, String kind, String timezone, String forwardingPhone,
        String areaCode, Map<String, Object> businessHours, String autoReplyText, Integer autoReplyDelaySeconds,
        String quietHoursStart, String quietHoursEnd, List<Member> members, Twilio twilio, List<String> numbers,
        List<SeedContact> contacts, List<SeedBusiness> clients) {

    public SeedBusiness {
        members = members == null ? List.of() : members;
        numbers = numbers == null ? List.of() : numbers;
        contacts = contacts == null ? List.of() : contacts;
        clients = clients == null ? List.of() : clients;
    }

    /** A person who signs in with this OIDC subject and holds this role. */
    public record Member(String subject, String email, String name, String role) {
    }

    /** The Twilio subaccount a business already has; its {@code numbers} belong to it. */
    public record Twilio(String subaccountSid, String authToken) {
    }
}
