package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment definition as docs/segments.md describes it, read from its JSON by the test itself
 * (not by the application's parser), so that {@link Evaluator} shares nothing with the compiler.
 */
sealed interface Condition {

    /** {@code {"and": [...]}}. */
    record All(List<Condition> items) implements Condition {
    }

    /** {@code {"or": [...]}}. */
    record Any(List<Condition> items) implements Condition {
    }

    /** {@code {"not": node}}. */
    record Not(Condition item) implements Condition {
    }

    /** {@code {"performed": {"event", "where", "count", "window"}}}. */
    record Performed(String event, List<Filter> where, Count count, Window window) implements Condition {
    }

    /** {@code {"attribute": {"name", "type", "op", "value"}}}; a built-in's type is fixed. */
    record Attribute(String name, Filter filter) implements Condition {
    }

    /** {@code {"tag": {"has": t}}} or {@code {"tag": {"has_not": t}}}. */
    record Tag(String tag, boolean has) implements Condition {
    }

    /** {@code {"in_segment": {"id": n}}}. */
    record InSegment(long id) implements Condition {
    }

    /** A typed comparison of a property (dotted path) or an attribute; {@code value} is the raw JSON. */
    record Filter(List<String> path, String type, String op, JsonNode value) {
    }

    /** {@code {"op": "at_least" | "at_most" | "exactly", "value": n}}. */
    record Count(String op, long value) {
        static final Count AT_LEAST_ONCE = new Count("at_least", 1);

        boolean holds(long n) {
            return switch (op) {
                case "at_least" -> n >= value;
                case "at_most" -> n <= value;
                case "exactly" -> n == value;
                default -> throw new IllegalArgumentException("count op " + op);
            };
        }
    }

    /** {@code "ever"}, the last n minutes / hours / days before now ({@code [now − n, now)}), or {@code [from, to)}. */
    record Window(Duration last, Instant from, Instant to) {
        static final Window EVER = new Window(null, null, null);

        boolean contains(Instant t, Instant now) {
            if (last != null) {
                return !t.isBefore(now.minus(last)) && t.isBefore(now);
            }
            return from == null || (!t.isBefore(from) && t.isBefore(to));
        }

        /** Where the window starts, which the history must cover; null for "ever". */
        Instant start(Instant now) {
            return last != null ? now.minus(last) : from;
        }
    }

    static Condition read(JsonNode json) {
        String key = json.fieldNames().next();
        JsonNode body = json.get(key);
        return switch (key) {
            case "and" -> new All(list(body));
            case "or" -> new Any(list(body));
            case "not" -> new Not(read(body));
            case "performed" -> performed(body);
            case "attribute" -> new Attribute(body.get("name").asText(), filter(body, body.get("name").asText()));
            case "tag" -> body.has("has") ? new Tag(body.get("has").asText(), true) : new Tag(body.get("has_not").asText(), false);
            case "in_segment" -> new InSegment(body.get("id").asLong());
            default -> throw new IllegalArgumentException("node " + key);
        };
    }

    private static List<Condition> list(JsonNode items) {
        List<Condition> conditions = new ArrayList<>();
        items.forEach(item -> conditions.add(read(item)));
        return conditions;
    }

    private static Performed performed(JsonNode body) {
        List<Filter> where = new ArrayList<>();
        body.path("where").forEach(f -> where.add(filter(f, f.get("property").asText())));
        JsonNode count = body.get("count");
        return new Performed(body.get("event").asText(), where,
                count == null ? Count.AT_LEAST_ONCE : new Count(count.get("op").asText(), count.get("value").asLong()),
                window(body.get("window")));
    }

    private static Window window(JsonNode window) {
        if (window == null || window.isTextual()) {
            return Window.EVER;
        }
        if (window.has("from")) {
            return new Window(null, Instant.parse(window.get("from").asText()), Instant.parse(window.get("to").asText()));
        }
        return new Window(duration(window), null, null);
    }

    /** {@code {"days": n}}, {@code {"hours": n}} or {@code {"minutes": n}}. */
    static Duration duration(JsonNode json) {
        if (json.has("days")) {
            return Duration.ofDays(json.get("days").asLong());
        }
        return json.has("hours") ? Duration.ofHours(json.get("hours").asLong()) : Duration.ofMinutes(json.get("minutes").asLong());
    }

    private static Filter filter(JsonNode body, String name) {
        String type = body.has("type") ? body.get("type").asText() : null;
        return new Filter(List.of(name.split("\\.")), type, body.get("op").asText(), body.get("value"));
    }
}
