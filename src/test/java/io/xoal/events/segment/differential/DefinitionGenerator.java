package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Random definitions over every node (and, or, not, performed, attribute, tag, in_segment), every
 * operator of every type, every count operator and window form, as docs/segments.md defines them.
 */
final class DefinitionGenerator {

    private static final Map<String, List<String>> OPS = Map.of(
            "string", List.of("eq", "neq", "contains", "in", "exists", "not_exists"),
            "number", List.of("eq", "neq", "gt", "gte", "lt", "lte", "in", "exists", "not_exists"),
            "boolean", List.of("eq", "neq", "exists", "not_exists"),
            "date", List.of("gt", "gte", "lt", "lte", "more_than_ago", "less_than_ago", "exists", "not_exists"));
    private static final List<String> TYPES = List.of("string", "number", "boolean", "date");
    private static final List<String> BUILT_INS = List.of("id", "email", "contact_type", "first_name", "last_name",
            "language", "timezone", "added_via", "created_at", "joined_date", "last_active");

    private final Values values;
    private final Times times;
    private final List<String> customerIds;

    DefinitionGenerator(Values values, Times times, List<String> customerIds) {
        this.values = values;
        this.times = times;
        this.customerIds = customerIds;
    }

    /** A definition that may refer to the segments {@code earlier}. */
    JsonNode definition(List<Long> earlier) {
        return node(1, earlier);
    }

    private JsonNode node(int depth, List<Long> earlier) {
        if (depth < 4 && values.chance(depth == 1 ? 60 : 35)) {
            int kind = values.chance(35) ? 0 : values.chance(55) ? 1 : 2;
            if (kind == 2) {
                return Values.JSON.objectNode().set("not", node(depth + 1, earlier));
            }
            ArrayNode items = Values.JSON.arrayNode();
            for (int i = 0, n = 1 + values.one(List.of(1, 1, 2)); i <= n; i++) {
                items.add(node(depth + 1, earlier));
            }
            return Values.JSON.objectNode().set(kind == 0 ? "and" : "or", items);
        }
        int leaf = values.one(List.of(0, 0, 0, 0, 1, 1, 1, 2, 3));
        if (leaf == 3 && !earlier.isEmpty()) {
            return wrap("in_segment", Values.JSON.objectNode().put("id", values.one(earlier)));
        }
        if (leaf == 2 || leaf == 3) {
            return wrap("tag", Values.JSON.objectNode().put(values.chance(50) ? "has" : "has_not", values.one(Values.TAGS)));
        }
        return leaf == 0 ? performed() : attribute();
    }

    private JsonNode performed() {
        ObjectNode body = Values.JSON.objectNode();
        body.put("event", values.chance(8) ? "never_sent" : values.one(Values.EVENTS));
        if (values.chance(55)) {
            String op = values.one(List.of("at_least", "at_most", "exactly"));
            int n = values.one(List.of(0, 0, 1, 2));
            body.putObject("count").put("op", op).put("value", "at_least".equals(op) ? n + 1 : n);
        }
        int window = values.one(List.of(0, 1, 2, 2, 2, 2, 3, 3));
        if (window == 1) {
            body.put("window", "ever");
        } else if (window == 2) {
            String[] length = values.one(Times.LENGTHS);
            body.set("window", duration(length));
        } else if (window == 3) {
            var span = values.one(times.spans);
            body.putObject("window").put("from", span[0].toString()).put("to", span[1].toString());
        }
        if (values.chance(45)) {
            ArrayNode where = body.putArray("where");
            for (int i = 0, n = values.chance(70) ? 1 : 2; i < n; i++) {
                String property = values.one(List.copyOf(Values.PROPERTIES.keySet()));
                where.add(filter("property", property, typeFor(Values.PROPERTIES.get(property)), false));
            }
        }
        return wrap("performed", body);
    }

    private JsonNode attribute() {
        if (values.chance(45)) {
            String name = values.one(BUILT_INS);
            String type = ModelCustomer.BUILT_IN.get(name);
            return wrap("attribute", filter("name", name, type, !values.chance(20)));
        }
        String name = values.one(List.copyOf(Values.ATTRIBUTES.keySet()));
        return wrap("attribute", filter("name", name, typeFor(Values.ATTRIBUTES.get(name)), false));
    }

    private String typeFor(String intended) {
        return values.chance(75) ? intended : values.one(TYPES);
    }

    private ObjectNode filter(String key, String name, String type, boolean omitType) {
        ObjectNode filter = Values.JSON.objectNode().put(key, name);
        if (!omitType) {
            filter.put("type", type);
        }
        String op = values.one(OPS.get(type));
        filter.put("op", op);
        if (op.equals("in")) {
            ArrayNode in = filter.putArray("value");
            for (int i = 0, n = 1 + values.one(List.of(0, 1, 2)); i < n; i++) {
                in.add(scalar(type, name));
            }
        } else if (op.endsWith("_ago")) {
            filter.set("value", duration(values.one(Times.LENGTHS)));
        } else if (!op.contains("exists")) {
            filter.set("value", op.equals("contains") ? Values.JSON.textNode(values.one(Values.PARTS)) : scalar(type, name));
        }
        return filter;
    }

    private JsonNode scalar(String type, String name) {
        return switch (type) {
            case "string" -> Values.JSON.textNode("id".equals(name) ? values.one(customerIds)
                    : values.one(Values.BUILT_IN_STRINGS.getOrDefault(name, Values.STRINGS)));
            case "number" -> values.number();
            case "boolean" -> Values.JSON.booleanNode(values.chance(50));
            default -> Values.JSON.textNode(times.pick(values.one(times.nows)).toString());
        };
    }

    private static ObjectNode duration(String[] length) {
        return Values.JSON.objectNode().put(length[0], Integer.parseInt(length[1]));
    }

    private static ObjectNode wrap(String key, JsonNode body) {
        return Values.JSON.objectNode().set(key, body);
    }
}
