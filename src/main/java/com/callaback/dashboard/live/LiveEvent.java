package com.callaback.dashboard.live;

import java.util.UUID;

/** One change an open page may show: its kind (call, text, delivery, lead, notification) and what it is about. */
public record LiveEvent(LivePosition position, String kind, UUID subjectId, UUID contactId) {

    /** The SSE data: small, ids only; the page fetches what it shows through its own authorised requests. */
    public String json() {
        return "{\"kind\":\"" + kind + "\",\"subject\":" + quoted(subjectId) + ",\"contact\":" + quoted(contactId) + "}";
    }

    private static String quoted(UUID id) {
        return id == null ? "null" : "\"" + id + "\"";
    }
}
