package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model: customers as the documented API builds them from the test's changes, the segments'
 * definitions, and the time now. A PUT creates a customer at now (contact_type user, added_via
 * api), sets the built-ins it names, merges attributes (null removes one) and replaces tags when
 * given; an event creates its unknown customer at now and moves last_active to its time if later.
 */
final class World {

    private static final Set<String> PUT_BUILT_INS = Set.of("email", "contact_type", "first_name", "last_name", "phone",
            "language", "timezone", "joined_date", "last_active");

    final Map<String, ModelCustomer> customers = new LinkedHashMap<>();
    /** Segment id → definition (JSON and condition), in creation order. */
    final Map<Long, JsonNode> definitions = new LinkedHashMap<>();
    final Map<Long, Condition> segments = new LinkedHashMap<>();
    Instant now;

    World(Instant now) {
        this.now = now;
    }

    void apply(Change change) {
        if (change instanceof Change.Put put) {
            put(customer(put.id()), put.body());
        } else if (change instanceof Change.Track track) {
            ModelCustomer customer = customer(track.id());
            customer.events.add(new ModelEvent(track.event(), track.at(), track.properties()));
            customer.touched(track.at());
        } else if (change instanceof Change.AddTags add) {
            customer(add.id()).tags.addAll(add.tags());
        } else if (change instanceof Change.RemoveTag remove) {
            customer(remove.id()).tags.remove(remove.tag());
        }
    }

    void segment(long id, JsonNode definition) {
        definitions.put(id, definition);
        segments.put(id, Condition.read(definition));
    }

    /** The ids of the customers that match segment {@code id} now, by the model. */
    Set<String> expected(long id) {
        Evaluator evaluator = new Evaluator(segments, now);
        Set<String> ids = new TreeSet<>();
        customers.values().stream().filter(c -> evaluator.matches(c, segments.get(id))).forEach(c -> ids.add(c.id));
        return ids;
    }

    /** How many customers segment {@code id}'s definition matched at {@code at} by the model: those whose history had begun. */
    long sizeAt(long id, Instant at) {
        Evaluator evaluator = Evaluator.asOf(segments, at);
        return customers.values().stream()
                .filter(c -> !c.historyStart().isAfter(at) && evaluator.matches(c, segments.get(id)))
                .count();
    }

    /** The first {@code n} of {@code ids} by usid, highest first (the preview's sample order). */
    List<String> newestFirst(Set<String> ids, int n) {
        List<ModelCustomer> sorted = new ArrayList<>(ids.stream().map(customers::get).toList());
        sorted.sort((a, b) -> Long.compare(b.usid, a.usid));
        return sorted.stream().limit(n).map(c -> c.id).toList();
    }

    private ModelCustomer customer(String id) {
        return customers.computeIfAbsent(id, k -> new ModelCustomer(k, now));
    }

    private static void put(ModelCustomer customer, ObjectNode body) {
        body.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (PUT_BUILT_INS.contains(field.getKey()) && !value.isNull()) {
                customer.builtIns.put(field.getKey(), value.asText());
            }
        });
        if (body.has("attributes")) {
            ObjectNode merged = customer.attributes.deepCopy();
            body.get("attributes").fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    merged.remove(field.getKey());
                } else {
                    merged.set(field.getKey(), field.getValue());
                }
            });
            customer.attributes = merged;
        }
        if (body.has("tags")) {
            customer.tags.clear();
            body.get("tags").forEach(tag -> customer.tags.add(tag.asText()));
        }
    }
}
