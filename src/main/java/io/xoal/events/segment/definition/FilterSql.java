package io.xoal.events.segment.definition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.xoal.events.common.Instants.utc;

/**
 * Typed comparisons of JSON values and columns, as the segment language's filters read them
 * (attributes, event properties, workflow trigger filters); every value is a bind parameter of
 * {@code params}, relative dates are taken from {@code now}.
 */
public final class FilterSql {

    private final SqlParams params;
    private final Instant now;

    public FilterSql(SqlParams params, Instant now) {
        this.params = params;
        this.now = now;
    }

    /**
     * A predicate that holds when the jsonb expression {@code json} matches every filter of
     * {@code where}: a performed condition's {@code where} over an event's properties, a workflow
     * trigger's filters.
     */
    public String allOf(List<Node.Filter> where, String json) {
        StringBuilder filters = new StringBuilder("true");
        where.forEach(f -> filters.append(" AND coalesce(").append(filter(f, json)).append(", false)"));
        return filters.toString();
    }

    /** A typed comparison of the JSON value at the filter's path inside {@code json}. */
    String filter(Node.Filter filter, String json) {
        String path = params.add(filter.path().toArray(String[]::new), "text[]");
        String node = json + " #> " + path;
        String text = json + " #>> " + path;
        String value = switch (filter.type()) {
            case STRING -> "CASE WHEN jsonb_typeof(" + node + ") = 'string' THEN " + text + " END";
            case NUMBER -> "CASE WHEN jsonb_typeof(" + node + ") = 'number' THEN (" + text + ")::numeric END";
            case BOOLEAN -> "CASE WHEN jsonb_typeof(" + node + ") = 'boolean' THEN (" + text + ")::boolean END";
            case DATE -> date(text);
        };
        // A value of another JSON type is absent, for exists too.
        return compare(value, value + " IS NOT NULL", filter);
    }

    /**
     * The instant a JSON text holds, or NULL: only an ISO-8601 instant with its offset is a date
     * (V10's {@code xoal_try_timestamptz}). Preview, evaluation and the sweep all read dates through this.
     */
    public static String date(String text) {
        return "xoal_try_timestamptz(" + text + ")";
    }

    /** {@code value} compared as the filter says; {@code exists} is the SQL of "it has a value". */
    String compare(String value, String exists, Node.Filter filter) {
        return switch (filter.op()) {
            case EXISTS -> exists;
            case NOT_EXISTS -> "NOT (" + exists + ")";
            case EQ -> value + " = " + bind(filter.type(), filter.value());
            case NEQ -> value + " IS DISTINCT FROM " + bind(filter.type(), filter.value());
            case GT -> value + " > " + bind(filter.type(), filter.value());
            case GTE -> value + " >= " + bind(filter.type(), filter.value());
            case LT -> value + " < " + bind(filter.type(), filter.value());
            case LTE -> value + " <= " + bind(filter.type(), filter.value());
            case CONTAINS -> "strpos(" + value + ", " + bind(filter.type(), filter.value()) + ") > 0";
            case IN -> value + " = ANY(" + array(filter.type(), (List<?>) filter.value()) + ")";
            case MORE_THAN_AGO -> value + " < " + params.add(utc(now.minus((Duration) filter.value())), "timestamptz");
            case LESS_THAN_AGO -> "(" + value + " >= " + params.add(utc(now.minus((Duration) filter.value())), "timestamptz")
                    + " AND " + value + " <= " + params.add(utc(now), "timestamptz") + ")";
        };
    }

    private String bind(ValueType type, Object value) {
        return switch (type) {
            case STRING -> params.add(value, "text");
            case NUMBER -> "(" + params.add(value.toString(), "text") + ")::numeric";
            case BOOLEAN -> params.add(value, "boolean");
            case DATE -> params.add(utc((Instant) value), "timestamptz");
        };
    }

    private String array(ValueType type, List<?> values) {
        return switch (type) {
            case NUMBER -> "(" + params.add(values.stream().map(Object::toString).toArray(String[]::new), "text[]") + ")::numeric[]";
            default -> params.add(values.stream().map(Object::toString).toArray(String[]::new), "text[]");
        };
    }
}
