package io.xoal.events.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.common.JsonBounds;
import io.xoal.events.error.FieldError;

import java.util.List;

/** Reads the identifier and name fields of dialect payloads, adding a field error for a bad one. */
public final class JsonFields {

    private static final int MAX_ID = 255;

    private final JsonBounds bounds;

    public JsonFields(JsonBounds bounds) {
        this.bounds = bounds;
    }

    public JsonBounds bounds() {
        return bounds;
    }

    /** An id: a string or an integer (kept as its decimal text), or null when absent. */
    public String id(JsonNode node, String pointer, List<FieldError> errors) {
        return node != null && node.isIntegralNumber() ? node.asText() : text(node, pointer, false, errors);
    }

    /** A non-empty string of at most 255 characters, or null (with an error when required or malformed). */
    public String text(JsonNode node, String pointer, boolean required, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(pointer, "is required"));
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            errors.add(new FieldError(pointer, "must be a non-empty string"));
            return null;
        }
        String value = node.asText();
        if (value.length() > MAX_ID) {
            errors.add(new FieldError(pointer, "is longer than " + MAX_ID + " characters"));
            return null;
        }
        int before = errors.size();
        bounds.checkString(value, pointer, errors);
        return errors.size() == before ? value : null;
    }

    /** A copy of an object field (empty when absent), or null with an error when it is not an object. */
    public ObjectNode object(JsonNode node, String pointer, List<FieldError> errors) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        if (node != null && node.isObject()) {
            copy.setAll((ObjectNode) node);
        } else if (node != null && !node.isNull()) {
            errors.add(new FieldError(pointer, "must be an object"));
            return null;
        }
        return copy;
    }
}
