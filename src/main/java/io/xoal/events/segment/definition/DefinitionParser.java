package io.xoal.events.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    static final int MAX_LIST = 100;
    private static final Set<String> NODE_KEYS = Set.of("and", "or", "not", "performed", "attribute", "tag", "in_segment");
    private final DefinitionValues values = new DefinitionValues();
    private int nodes;

    private DefinitionParser() {
    }

    /** The tree; 400 with every error when the definition is not valid. */
    public static Node parse(JsonNode definition, String pointer) {
        DefinitionParser parser = new DefinitionParser();
        Node node = parser.node(definition, pointer, 1);
        if (!parser.values.errors().isEmpty()) {
            throw ProblemException.badRequest("The segment definition is not valid", parser.values.errors());
        }
        return node;
    }

    private Node node(JsonNode json, String at, int depth) {
        if (json == null || !json.isObject() || json.size() != 1 || !NODE_KEYS.contains(json.fieldNames().next())) {
            return values.error(at, "must be an object with exactly one of " + String.join(", ", NODE_KEYS.stream().sorted().toList()));
        }
        if (depth > MAX_DEPTH) {
            return values.error(at, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (++nodes > MAX_NODES) {
            return values.error(at, "the definition has more than " + MAX_NODES + " conditions");
        }
        String key = json.fieldNames().next();
        JsonNode body = json.get(key);
        String here = at + "/" + key;
        return switch (key) {
            case "and", "or" -> group(key, body, here, depth);
            case "not" -> body != null && body.isObject() ? new Node.Not(node(body, here, depth + 1)) : values.error(here, "must be a condition");
            case "performed" -> performed(body, here);
            case "attribute" -> attribute(body, here);
            case "tag" -> tag(body, here);
            default -> inSegment(body, here);
        };
    }

    private Node group(String key, JsonNode body, String at, int depth) {
        if (body == null || !body.isArray() || body.isEmpty()) {
            return values.error(at, "must be a non-empty array of conditions");
        }
        if (body.size() > MAX_LIST) {
            return values.error(at, "has more than " + MAX_LIST + " conditions");
        }
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            children.add(node(body.get(i), at + "/" + i, depth + 1));
        }
        return "and".equals(key) ? new Node.And(children) : new Node.Or(children);
    }

    private Node performed(JsonNode body, String at) {
        if (!values.shape(body, at, Set.of("event", "where", "count", "window"))) {
            return null;
        }
        String event = values.text(body.get("event"), at + "/event");
        List<Node.Filter> where = where(body.get("where"), at + "/where");
        Node.Count count = body.has("count") ? values.count(body.get("count"), at + "/count") : Node.Count.AT_LEAST_ONCE;
        Node.Window window = body.has("window") ? values.window(body.get("window"), at + "/window") : Node.Window.EVER;
        return new Node.Performed(event, where, count, window);
    }

    /**
     * Property filters in the {@code where} syntax of a performed condition (a workflow trigger's
     * filters, too); each mistake is added to {@code errors} with its pointer under {@code at}.
     */
    public static List<Node.Filter> where(JsonNode list, String at, List<FieldError> errors) {
        DefinitionParser parser = new DefinitionParser();
        List<Node.Filter> where = parser.where(list, at);
        errors.addAll(parser.values.errors());
        return where;
    }

    private List<Node.Filter> where(JsonNode list, String at) {
        List<Node.Filter> where = new ArrayList<>();
        if (list != null && (!list.isArray() || list.size() > MAX_LIST)) {
            values.error(at, "must be an array of at most " + MAX_LIST + " property filters");
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                where.add(filter(list.get(i), at + "/" + i, "property", null));
            }
        }
        return where;
    }

    private Node attribute(JsonNode body, String at) {
        if (!values.shape(body, at, Set.of("name", "type", "op", "value"))) {
            return null;
        }
        String name = values.text(body.get("name"), at + "/name");
        CustomerColumns.Column column = name == null ? null : CustomerColumns.builtIn(name);
        Node.Filter filter = filter(body, at, "name", column == null ? null : column.type());
        return new Node.Attribute(name, filter);
    }

    private Node tag(JsonNode body, String at) {
        if (body == null || !body.isObject() || body.size() != 1 || !(body.has("has") || body.has("has_not"))) {
            return values.error(at, "must be {\"has\": \"tag\"} or {\"has_not\": \"tag\"}");
        }
        boolean has = body.has("has");
        return new Node.Tag(values.text(body.get(has ? "has" : "has_not"), at + (has ? "/has" : "/has_not")), has);
    }

    private Node inSegment(JsonNode body, String at) {
        if (!values.shape(body, at, Set.of("id")) || !body.path("id").canConvertToLong() || !body.path("id").isIntegralNumber()) {
            return values.error(at + "/id", "must be the id of another segment");
        }
        return new Node.InSegment(body.get("id").asLong(), at + "/id");
    }

    /** A typed comparison; {@code fixedType} is a built-in attribute's type (then {@code type} may be omitted). */
    private Node.Filter filter(JsonNode body, String at, String nameKey, ValueType fixedType) {
        if (!values.shape(body, at, Set.of(nameKey, "type", "op", "value"))) {
            return null;
        }
        String name = values.text(body.get(nameKey), at + "/" + nameKey);
        ValueType type = fixedType;
        if (body.has("type") || fixedType == null) {
            ValueType given = values.enumValue(ValueType.class, body.get("type"), at + "/type");
            if (fixedType != null && given != null && given != fixedType) {
                values.error(at + "/type", "is " + fixedType.json() + " for the built-in attribute " + name);
            }
            type = fixedType != null ? fixedType : given;
        }
        Op op = values.enumValue(Op.class, body.get("op"), at + "/op");
        if (type == null || op == null) {
            return null;
        }
        if (!type.ops().contains(op)) {
            values.error(at + "/op", op.json() + " does not apply to " + type.json() + "; use one of "
                    + type.ops().stream().map(Op::json).toList());
            return null;
        }
        Object value = op.unary() ? null : values.value(type, op, body.get("value"), at + "/value");
        List<String> path = name == null ? List.of() : Arrays.asList(name.split("\\.", -1));
        if (path.stream().anyMatch(String::isEmpty)) {
            values.error(at + "/" + nameKey, "must not have empty parts between dots");
        }
        return new Node.Filter(path, type, op, value);
    }

}
