package com.callaback.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: its rows, newest first, and the cursor of the next page (null on the last). */
public record ApiPage<T>(
        @Schema(description = "The rows of this page, newest first.") List<T> data,
        @Schema(description = "Pass as ?cursor= for the next page; null when this is the last page.",
                example = "MTczMjU0NDAwMC4wLjNmYTg1ZjY0LTU3MTctNDU2Mi1iM2ZjLTJjOTYzZjY2YWZhNg") String nextCursor) {

    /** From a fetch of {@code limit + 1} rows: the extra row only says there is a next page. */
    static <E, T> ApiPage<T> of(List<E> fetched, int limit, Function<E, Instant> at, Function<E, UUID> id,
            Function<E, T> view) {
        boolean more = fetched.size() > limit;
        List<E> rows = more ? fetched.subList(0, limit) : fetched;
        String next = null;
        if (more) {
            E last = rows.get(rows.size() - 1);
            next = new Cursor(at.apply(last), id.apply(last)).encode();
        }
        return new ApiPage<>(rows.stream().map(view).toList(), next);
    }
}
