package io.xoal.events.segment.definition;

import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Bind parameters of a statement under construction: every user value goes here, never into the SQL text. */
public final class SqlParams {

    private final List<Object> values = new ArrayList<>();

    /** Adds a value and returns its placeholder with a cast, e.g. {@code $3::text}. */
    public String add(Object value, String cast) {
        values.add(value);
        return "$" + values.size() + "::" + cast;
    }

    /** The values as text, in order (arrays element by element): with the statement, what its answer depends on. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        values.forEach(value -> text.append(value instanceof Object[] array ? java.util.Arrays.deepToString(array) : value).append('\u0000'));
        return text.toString();
    }

    public Tuple tuple() {
        return Tuple.tuple(new ArrayList<>(values));
    }
}
