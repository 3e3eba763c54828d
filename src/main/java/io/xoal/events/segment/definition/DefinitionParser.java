package io.xoal.events.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.common.JsonBounds;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a segment definition (JSON) into a {@link Node} tree, or answers 400 listing every
 * mistake with its JSON pointer: unknown keys or operators, values of the wrong type, empty
 * groups, windows that are not positive, nesting deeper than the bound.
 */
public final class DefinitionParser {

    /** Deepest nesting of groups allowed. */
    public static final int MAX_DEPTH = 8;
    private static final int MAX_NODES = 200;
    private static final int MAX_LIST = 100;
    private static final int MAX_TEXT = 255;
    private static final Set<String> NODE_KEYS = Set.of("and", "or", "not", "performed", "attribute", "tag", "in_segment");
    private static final Map<String, Duration> UNITS = Map.of(
            "minutes", Duration.ofMinutes(1), "hours", Duration.ofHours(1), "days", Duration.ofDays(1));

    private final JsonBounds bounds = new JsonBounds(MAX_DEPTH * 4, 8192, 256);
    private final List<FieldError> errors = new ArrayList<>();
    private int nodes;

    private DefinitionParser() {
    }

    /** The tree; 400 with every error when the definition is not valid. */
    public static Node parse(JsonNode definition, String pointer) {
        DefinitionParser parser = new DefinitionParser();
        Node node = parser.node(definition, pointer, 1);
        if (!parser.errors.isEmpty()) {
            throw ProblemException.badRequest("The segment definition is not valid", parser.errors);
        }
        return node;
    }

    private Node node(JsonNode json, String at, int depth) {
        if (json == null || !json.isObject() || json.size() != 1 || !NODE_KEYS.contains(json.fieldNames().next())) {
            return error(at, "must be an object with exactly one of " + String.join(", ", NODE_KEYS.stream().sorted().toList()));
        }
        if (depth > MAX_DEPTH) {
            return error(at, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (++nodes > MAX_NODES) {
            return error(at, "the definition has more than " + MAX_NODES + " conditions");
        }
        String key = json.fieldNames().next();
        JsonNode body = json.get(key);
        String here = at + "/" + key;
        return switch (key) {
            case "and", "or" -> group(key, body, here, depth);
            case "not" -> body != null && body.isObject() ? new Node.Not(node(body, here, depth + 1)) : error(here, "must be a condition");
            case "performed" -> performed(body, here);
            case "attribute" -> attribute(body, here);
            case "tag" -> tag(body, here);
            default -> inSegment(body, here);
        };
    }

    private Node group(String key, JsonNode body, String at, int depth) {
        if (body == null || !body.isArray() || body.isEmpty()) {
            return error(at, "must be a non-empty array of conditions");
        }
        if (body.size() > MAX_LIST) {
            return error(at, "has more than " + MAX_LIST + " conditions");
        }
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            children.add(node(body.get(i), at + "/" + i, depth + 1));
        }
        return "and".equals(key) ? new Node.And(children) : new Node.Or(children);
    }

    private Node performed(JsonNode body, String at) {
        if (!shape(body, at, Set.of("event", "where", "count", "window"))) {
            return null;
        }
        String event = text(body.get("event"), at + "/event");
        List<Node.Filter> where = new ArrayList<>();
        JsonNode list = body.get("where");
        if (list != null && (!list.isArray() || list.size() > MAX_LIST)) {
            error(at + "/where", "must be an array of at most " + MAX_LIST + " property filters");
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                where.add(filter(list.get(i), at + "/where/" + i, "property", null));
            }
        }
        Node.Count count = body.has("count") ? count(body.get("count"), at + "/count") : Node.Count.AT_LEAST_ONCE;
        Node.Window window = body.has("window") ? window(body.get("window"), at + "/window") : Node.Window.EVER;
        return new Node.Performed(event, where, count, window);
    }

    private Node attribute(JsonNode body, String at) {
        if (!shape(body, at, Set.of("name", "type", "op", "value"))) {
            return null;
        }
        String name = text(body.get("name"), at + "/name");
        CustomerColumns.Column column = name == null ? null : CustomerColumns.builtIn(name);
        Node.Filter filter = filter(body, at, "name", column == null ? null : column.type());
        return new Node.Attribute(name, filter);
    }

    private Node tag(JsonNode body, String at) {
        if (body == null || !body.isObject() || body.size() != 1 || !(body.has("has") || body.has("has_not"))) {
            return error(at, "must be {\"has\": \"tag\"} or {\"has_not\": \"tag\"}");
        }
        boolean has = body.has("has");
        return new Node.Tag(text(body.get(has ? "has" : "has_not"), at + (has ? "/has" : "/has_not")), has);
    }

    private Node inSegment(JsonNode body, String at) {
        if (!shape(body, at, Set.of("id")) || !body.path("id").canConvertToLong() || !body.path("id").isIntegralNumber()) {
            return error(at + "/id", "must be the id of another segment");
        }
        return new Node.InSegment(body.get("id").asLong(), at + "/id");
    }

    /** A typed comparison; {@code fixedType} is a built-in attribute's type (then {@code type} may be omitted). */
    private Node.Filter filter(JsonNode body, String at, String nameKey, ValueType fixedType) {
        if (!shape(body, at, Set.of(nameKey, "type", "op", "value"))) {
            return null;
        }
        String name = text(body.get(nameKey), at + "/" + nameKey);
        ValueType type = fixedType;
        if (body.has("type") || fixedType == null) {
            ValueType given = enumValue(ValueType.class, body.get("type"), at + "/type");
            if (fixedType != null && given != null && given != fixedType) {
                error(at + "/type", "is " + fixedType.json() + " for the built-in attribute " + name);
            }
            type = fixedType != null ? fixedType : given;
        }
        Op op = enumValue(Op.class, body.get("op"), at + "/op");
        if (type == null || op == null) {
            return null;
        }
        if (!type.ops().contains(op)) {
            error(at + "/op", op.json() + " does not apply to " + type.json() + "; use one of "
                    + type.ops().stream().map(Op::json).toList());
            return null;
        }
        Object value = op.unary() ? null : value(type, op, body.get("value"), at + "/value");
        List<String> path = name == null ? List.of() : Arrays.asList(name.split("\\.", -1));
        if (path.stream().anyMatch(String::isEmpty)) {
            error(at + "/" + nameKey, "must not have empty parts between dots");
        }
        return new Node.Filter(path, type, op, value);
    }

    private Object value(ValueType type, Op op, JsonNode value, String at) {
        if (op == Op.IN) {
            if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_LIST) {
                return error(at, "must be a non-empty array of at most " + MAX_LIST + " values");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                values.add(scalar(type, value.get(i), at + "/" + i));
            }
            return values;
        }
        if (op == Op.MORE_THAN_AGO || op == Op.LESS_THAN_AGO) {
            return duration(value, at);
        }
        return scalar(type, value, at);
    }

    private Object scalar(ValueType type, JsonNode value, String at) {
        return switch (type) {
            case STRING -> value != null && value.isTextual() ? checked(value.asText(), at) : error(at, "must be a string");
            case NUMBER -> value != null && value.isNumber() && Double.isFinite(value.asDouble())
                    ? new BigDecimal(value.asText()) : error(at, "must be a number");
            case BOOLEAN -> value != null && value.isBoolean() ? value.asBoolean() : error(at, "must be true or false");
            case DATE -> instant(value, at);
        };
    }

    private Node.Count count(JsonNode body, String at) {
        if (!shape(body, at, Set.of("op", "value"))) {
            return Node.Count.AT_LEAST_ONCE;
        }
        Node.CountOp op = enumValue(Node.CountOp.class, body.get("op"), at + "/op");
        JsonNode value = body.get("value");
        if (value == null || !value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 1_000_000) {
            error(at + "/value", "must be an integer from 0 to 1000000");
            return Node.Count.AT_LEAST_ONCE;
        }
        if (op == Node.CountOp.AT_LEAST && value.asLong() == 0) {
            error(at + "/value", "at_least 0 is always true; use at least 1 or drop the condition");
        }
        return new Node.Count(op == null ? Node.CountOp.AT_LEAST : op, value.asLong());
    }

    private Node.Window window(JsonNode body, String at) {
        if (body != null && body.isTextual() && "ever".equals(body.asText())) {
            return Node.Window.EVER;
        }
        if (body != null && body.isObject() && (body.has("from") || body.has("to"))) {
            if (!shape(body, at, Set.of("from", "to"))) {
                return Node.Window.EVER;
            }
            Instant from = instant(body.get("from"), at + "/from");
            Instant to = instant(body.get("to"), at + "/to");
            if (from != null && to != null && !from.isBefore(to)) {
                error(at + "/to", "must be after from");
            }
            return new Node.Window(null, from, to);
        }
        Duration last = duration(body, at);
        return last == null ? Node.Window.EVER : new Node.Window(last, null, null);
    }

    private Duration duration(JsonNode body, String at) {
        if (body == null || !body.isObject() || body.size() != 1 || !UNITS.containsKey(body.fieldNames().next())) {
            error(at, "must be \"ever\", {\"from\": …, \"to\": …} or one of {\"minutes\": n}, {\"hours\": n}, {\"days\": n}");
            return null;
        }
        String unit = body.fieldNames().next();
        JsonNode n = body.get(unit);
        if (!n.isIntegralNumber() || n.asLong() <= 0 || n.asLong() > 3650L * 24 * 60) {
            error(at + "/" + unit, "must be a positive integer");
            return null;
        }
        return UNITS.get(unit).multipliedBy(n.asLong());
    }

    private Instant instant(JsonNode value, String at) {
        if (value == null || !value.isTextual()) {
            error(at, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            error(at, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            return null;
        }
    }

    private String text(JsonNode value, String at) {
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            error(at, "must be a non-empty string");
            return null;
        }
        if (value.asText().length() > MAX_TEXT) {
            error(at, "is longer than " + MAX_TEXT + " characters");
            return null;
        }
        return checked(value.asText(), at);
    }

    private String checked(String value, String at) {
        int before = errors.size();
        bounds.checkString(value, at, errors);
        return errors.size() == before ? value : null;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode value, String at) {
        E[] constants = type.getEnumConstants();
        if (value != null && value.isTextual()) {
            for (E constant : constants) {
                if (constant.name().equalsIgnoreCase(value.asText())) {
                    return constant;
                }
            }
        }
        error(at, "must be one of " + Arrays.stream(constants).map(c -> c.name().toLowerCase()).toList());
        return null;
    }

    private boolean shape(JsonNode body, String at, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            error(at, "must be an object");
            return false;
        }
        Iterator<String> names = body.fieldNames();
        boolean ok = true;
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                error(at + "/" + JsonBounds.escape(name), "is not a field here; allowed: " + allowed.stream().sorted().toList());
                ok = false;
            }
        }
        return ok;
    }

    private <T> T error(String at, String message) {
        errors.add(new FieldError(at, message));
        return null;
    }
}
