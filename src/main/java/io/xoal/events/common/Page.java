package io.xoal.events.common;

import java.util.List;
import java.util.function.Function;

/** One page of a list, newest first; {@code nextCursor} is absent on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /** Builds a page from up to {@code limit + 1} rows: the extra row only proves there is more. */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, Object> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), String.valueOf(cursorOf.apply(items.get(limit - 1))));
    }

    /** The same page with each item converted (entity to response body). */
    public <R> Page<R> map(Function<T, R> convert) {
        return new Page<>(items.stream().map(convert).toList(), nextCursor);
    }
}
