package io.xoal.events.common;

import io.xoal.events.error.ProblemException;

/** Parsing of the paging parameters every list endpoint shares. */
public final class Limits {

    private Limits() {
    }

    /** The page size asked for, clamped to [1, max]; {@code fallback} when absent. */
    public static int clamp(Integer limit, int fallback, int max) {
        if (limit == null) {
            return fallback;
        }
        return Math.max(1, Math.min(limit, max));
    }

    /** A numeric cursor from a previous page, or {@link Long#MAX_VALUE} for the first page. */
    public static long cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("/cursor", "is not a cursor returned by this API");
        }
    }
}
