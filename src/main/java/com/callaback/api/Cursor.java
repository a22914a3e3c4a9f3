package com.callaback.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.callaback.web.InvalidInputException;

/**
 * Where a page of a list ended: the sort time and id of its last row, opaque to clients. The next page starts
 * strictly after that row, so rows inserted meanwhile (newer, at the top) never shift a page or repeat a row.
 */
public record Cursor(Instant at, UUID id) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public String encode() {
        String raw = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the first page; a cursor this API did not hand out is a 400. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8)
                    .split("\\.", 3);
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "Pass the nextCursor of the previous page unchanged.");
        }
    }

    /** The page size asked for: absent means {@value #DEFAULT_LIMIT}; outside 1 to {@value #MAX_LIMIT} is a 400. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidInputException("limit", "Ask for between 1 and " + MAX_LIMIT + " rows.");
        }
        return requested;
    }
}
