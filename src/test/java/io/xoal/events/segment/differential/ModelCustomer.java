package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A customer of the model: built-in attributes (by their API names), custom attributes, tags and events. */
final class ModelCustomer {

    /** Built-in attributes and their fixed types (docs/segments.md). */
    static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("id", "string"), Map.entry("email", "string"), Map.entry("contact_type", "string"),
            Map.entry("first_name", "string"), Map.entry("last_name", "string"), Map.entry("phone", "string"),
            Map.entry("language", "string"), Map.entry("timezone", "string"), Map.entry("added_via", "string"),
            Map.entry("created_at", "date"), Map.entry("joined_date", "date"), Map.entry("last_active", "date"));

    final String id;
    final Instant createdAt;
    long usid;
    /** Built-ins other than id and created_at, as the API spells them; dates as ISO strings. */
    final Map<String, String> builtIns = new TreeMap<>();
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    final Set<String> tags = new LinkedHashSet<>();
    final List<ModelEvent> events = new ArrayList<>();

    ModelCustomer(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
        builtIns.put("contact_type", "user");
        builtIns.put("added_via", "api");
    }

    /** The attribute's stored JSON (built-in or custom); null when absent. */
    JsonNode attribute(String name) {
        if ("id".equals(name)) {
            return JsonNodeFactory.instance.textNode(id);
        }
        if ("created_at".equals(name)) {
            return JsonNodeFactory.instance.textNode(createdAt.toString());
        }
        if (BUILT_IN.containsKey(name)) {
            String value = builtIns.get(name);
            return value == null ? null : JsonNodeFactory.instance.textNode(value);
        }
        return attributes.get(name);
    }

    /** Where the customer's history starts: the earliest of created_at, joined_date and their first event. */
    Instant historyStart() {
        Stream<Instant> joined = builtIns.containsKey("joined_date") ? Stream.of(Instant.parse(builtIns.get("joined_date"))) : Stream.empty();
        return Stream.concat(Stream.concat(Stream.of(createdAt), joined), events.stream().map(ModelEvent::at))
                .min(Instant::compareTo).orElseThrow();
    }

    /** Moves last_active forward to an event's time (the API keeps the later of the two). */
    void touched(Instant at) {
        String last = builtIns.get("last_active");
        if (last == null || Instant.parse(last).isBefore(at)) {
            builtIns.put("last_active", at.toString());
        }
    }

    /** Everything the model knows about the customer, for a failure message. */
    String describe() {
        return id + " (usid " + usid + ") created_at=" + createdAt + " history_start=" + historyStart() + " " + builtIns
                + " attributes=" + attributes + " tags=" + tags + "\n      events=" + events;
    }
}
