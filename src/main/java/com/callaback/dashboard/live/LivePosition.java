package com.callaback.dashboard.live;

import com.callaback.web.InvalidInputException;

/**
 * Where a stream stands: after the event {@code id} written by transaction {@code txid}. Events are handed out in
 * (txid, id) order, and only those of transactions that have all ended, so nothing can later appear before a
 * position once it was passed. Written as "txid-id": the SSE event id a browser sends back as Last-Event-ID.
 */
public record LivePosition(long txid, long id) implements Comparable<LivePosition> {

    /** The position just before every event of a transaction from {@code txid} on. */
    public static LivePosition before(long txid) {
        return new LivePosition(txid - 1, Long.MAX_VALUE);
    }

    public static LivePosition parse(String field, String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            if (parts.length == 2) {
                LivePosition position = new LivePosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                if (position.txid >= 0 && position.id >= 0) {
                    return position;
                }
            }
        } catch (NumberFormatException e) {
            // answered below, like any other malformed position
        }
        throw new InvalidInputException(field, "must be an event id of this stream, such as 1234-56");
    }

    @Override
    public int compareTo(LivePosition other) {
        int byTransaction = Long.compare(txid, other.txid);
        return byTransaction != 0 ? byTransaction : Long.compare(id, other.id);
    }

    public boolean isBefore(LivePosition other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return txid + "-" + id;
    }
}
