package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/** An event of the model: name, time and properties. */
record ModelEvent(String name, Instant at, ObjectNode properties) {

    /** The property at a dotted path, missing when a step is absent or not an object. */
    JsonNode property(List<String> path) {
        JsonNode node = properties;
        for (String step : path) {
            node = node.isObject() ? node.path(step) : MissingNode.getInstance();
        }
        return node;
    }

    @Override
    public String toString() {
        return name + "@" + at + (properties.isEmpty() ? "" : properties.toString());
    }
}
