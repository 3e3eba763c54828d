package io.xoal.events.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.FieldError;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks free-form JSON against the stored-data bounds: nesting depth, keys per object, string
 * length, no NUL characters (PostgreSQL's jsonb refuses them) and finite numbers.
 */
public final class JsonBounds {

    private final int maxDepth;
    private final int maxStringLength;
    private final int maxKeys;

    public JsonBounds(int maxDepth, int maxStringLength, int maxKeys) {
        this.maxDepth = maxDepth;
        this.maxStringLength = maxStringLength;
        this.maxKeys = maxKeys;
    }

    /** Adds one error per offending place under {@code pointer} to {@code errors}. */
    public void check(JsonNode node, String pointer, int depth, List<FieldError> errors) {
        if (node.isContainerNode() && depth > maxDepth) {
            errors.add(new FieldError(pointer, "is nested deeper than " + maxDepth + " levels"));
            return;
        }
        if (node.isObject()) {
            checkObject(node, pointer, depth, errors);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), pointer + "/" + i, depth + 1, errors);
            }
        } else if (node.isTextual()) {
            checkString(node.asText(), pointer, errors);
        } else if (node.isNumber() && node.isFloatingPointNumber() && !Double.isFinite(node.asDouble())) {
            errors.add(new FieldError(pointer, "is a number out of range"));
        }
    }

    /** NUL and length check for a single string. */
    public void checkString(String value, String pointer, List<FieldError> errors) {
        if (value.length() > maxStringLength) {
            errors.add(new FieldError(pointer, "is longer than " + maxStringLength + " characters"));
        } else if (value.indexOf('\0') >= 0) {
            errors.add(new FieldError(pointer, "contains a NUL character"));
        }
    }

    private void checkObject(JsonNode node, String pointer, int depth, List<FieldError> errors) {
        if (node.size() > maxKeys) {
            errors.add(new FieldError(pointer, "has more than " + maxKeys + " keys"));
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String child = pointer + "/" + escape(field.getKey());
            if (field.getKey().indexOf('\0') >= 0 || field.getKey().length() > 255) {
                errors.add(new FieldError(child, "is not a valid key (NUL character or over 255 characters)"));
                continue;
            }
            check(field.getValue(), child, depth + 1, errors);
        }
    }

    /** JSON pointer escaping (RFC 6901). */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1").replace("\0", "\\u0000");
    }
}
