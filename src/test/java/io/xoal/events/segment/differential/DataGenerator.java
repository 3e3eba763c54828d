package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Random customers and changes: profiles with built-ins, custom attributes of every type (and of
 * the wrong one), tags, and events at window edges, in the future and back-filled before the
 * customer was created.
 */
final class DataGenerator {

    private final Values values;
    private final Times times;
    private final List<String> ids = new ArrayList<>();

    DataGenerator(Values values, Times times) {
        this.values = values;
        this.times = times;
    }

    /** A new customer id, created by a PUT (with a profile) or, when {@code byEvent}, by its first event. */
    List<Change> newCustomer(Instant now, boolean byEvent) {
        String id = "c" + ids.size();
        ids.add(id);
        List<Change> changes = new ArrayList<>();
        changes.add(byEvent ? event(id, now) : new Change.Put(id, profile(now, true)));
        return changes;
    }

    List<String> ids() {
        return ids;
    }

    Change.Track event(String id, Instant now) {
        ObjectNode properties = Values.JSON.objectNode();
        for (String property : List.of("plan", "amount", "coupon", "at")) {
            if (values.chance(60)) {
                properties.set(property, values.stored(Values.PROPERTIES.get(property), now));
            }
        }
        if (values.chance(40)) {
            properties.set("cart", values.chance(85) ? Values.JSON.objectNode().set("total", values.number()) : Values.JSON.textNode("none"));
        }
        return new Change.Track(id, values.one(Values.EVENTS), times.pick(now), properties);
    }

    /** A profile body: some built-ins, some custom attributes (null removes one), sometimes tags. */
    ObjectNode profile(Instant now, boolean full) {
        ObjectNode body = Values.JSON.objectNode();
        Values.BUILT_IN_STRINGS.forEach((name, choices) -> {
            if (!"added_via".equals(name) && values.chance(full ? 40 : 10)) {
                body.put(name, values.one(choices));
            }
        });
        for (String date : List.of("joined_date", "last_active")) {
            if (values.chance(full ? 35 : 10)) {
                body.put(date, times.pick(now).toString());
            }
        }
        ObjectNode attributes = body.putObject("attributes");
        Values.ATTRIBUTES.forEach((name, type) -> {
            if (values.chance(full ? 55 : 25)) {
                attributes.set(name, !full && values.chance(20) ? Values.JSON.nullNode() : values.stored(type, now));
            }
        });
        if (values.chance(full ? 40 : 15)) {
            var tags = body.putArray("tags");
            Values.TAGS.stream().filter(t -> values.chance(35)).forEach(tags::add);
        }
        return body;
    }

    /** A round of changes at {@code now}: events (some back-filled), new customers, profile and tag changes. */
    List<Change> round(Instant now, int events) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            if (values.chance(8)) {
                changes.addAll(newCustomer(now, true));
            } else {
                changes.add(event(values.one(ids), now));
            }
        }
        for (int i = 0; i < 3; i++) {
            changes.addAll(newCustomer(now, false));
        }
        for (int i = 0; i < events / 4; i++) {
            String id = values.one(ids);
            int kind = values.chance(60) ? 0 : values.chance(50) ? 1 : 2;
            changes.add(switch (kind) {
                case 0 -> new Change.Put(id, profile(now, false));
                case 1 -> new Change.AddTags(id, List.of(values.one(Values.TAGS)));
                default -> new Change.RemoveTag(id, values.one(Values.TAGS));
            });
        }
        return changes;
    }
}
