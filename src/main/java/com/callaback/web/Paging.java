package com.callaback.web;

import java.util.List;

/**
 * One page of a list: the rows, the page number (from 1) and whether there is a next page. Lists fetch one row
 * more than they show to learn that, so no page ever counts the whole table.
 */
public record Paging<T>(List<T> rows, int page, int size, boolean hasNext) {

    public static final int DEFAULT_SIZE = 25;

    /** The page number a person asked for, at least 1 (absent, zero or negative means the first). */
    public static int pageNumber(Integer requested) {
        return requested == null || requested < 1 ? 1 : Math.min(requested, 10_000);
    }

    /** The first row to fetch for a page of this size. */
    public static int offset(int page, int size) {
        return (page - 1) * size;
    }

    /** Builds the page from a fetch of {@code size + 1} rows. */
    public static <T> Paging<T> of(List<T> fetched, int page, int size) {
        boolean more = fetched.size() > size;
        return new Paging<>(more ? List.copyOf(fetched.subList(0, size)) : List.copyOf(fetched), page, size, more);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
