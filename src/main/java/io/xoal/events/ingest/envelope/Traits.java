package io.xoal.events.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.common.JsonBounds;
import io.xoal.events.error.FieldError;
import io.xoal.events.profile.CustomerFields;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps the traits of an identify (Segment, RudderStack, Customer.io attributes) onto Xoal's
 * built-in customer attributes; every other trait becomes a custom attribute under its own name.
 * Segment's camelCase and Customer.io's snake_case spellings are both understood.
 */
public final class Traits {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("email", "email"),
            Map.entry("firstName", "first_name"), Map.entry("first_name", "first_name"),
            Map.entry("lastName", "last_name"), Map.entry("last_name", "last_name"),
            Map.entry("phone", "phone"),
            Map.entry("language", "language"),
            Map.entry("timezone", "timezone"),
            Map.entry("createdAt", "joined_date"), Map.entry("created_at", "joined_date"));

    private final JsonBounds bounds;

    public Traits(JsonBounds bounds) {
        this.bounds = bounds;
    }

    /**
     * The customer's traits as the ingest flush applies them, or null when {@code traits} is
     * absent. A language or time zone Xoal does not know is kept as a custom attribute instead.
     */
    public String customer(JsonNode traits, String pointer, List<FieldError> errors) {
        if (!isObject(traits, pointer, errors)) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode attributes = out.putObject("attributes");
        traits.fields().forEachRemaining(field -> {
            String column = BUILT_IN.get(field.getKey());
            String value = field.getValue().isValueNode() && !field.getValue().isNull() ? field.getValue().asText() : null;
            String mapped = column == null || value == null ? null : builtIn(column, field.getValue(), value, pointer + "/" + field.getKey(), errors);
            if (mapped != null) {
                out.put(column, mapped);
            } else if (!"email".equals(column)) {
                attributes.set(field.getKey(), field.getValue());
            }
        });
        JsonNode name = traits.get("name");
        if (name != null && name.isTextual() && !out.has("first_name") && !out.has("last_name")) {
            String[] parts = name.asText().trim().split("\\s+", 2);
            out.put("first_name", parts[0]);
            if (parts.length > 1) {
                out.put("last_name", parts[1]);
            }
        }
        bounds.check(out, pointer, 0, errors);
        return out.toString();
    }

    /** A company's traits: {@code name} is the company's name, the rest are its attributes. */
    public String company(JsonNode traits, String pointer, List<FieldError> errors) {
        if (!isObject(traits, pointer, errors)) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode attributes = out.putObject("attributes");
        traits.fields().forEachRemaining(field -> {
            if ("name".equals(field.getKey()) && field.getValue().isTextual()) {
                out.put("name", field.getValue().asText());
            } else {
                attributes.set(field.getKey(), field.getValue());
            }
        });
        bounds.check(out, pointer, 0, errors);
        return out.toString();
    }

    /** A custom object's traits: all of them are attributes. */
    public String object(JsonNode traits, String pointer, List<FieldError> errors) {
        if (!isObject(traits, pointer, errors)) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putObject("attributes").setAll((ObjectNode) traits);
        bounds.check(out, pointer, 0, errors);
        return out.toString();
    }

    /** The e-mail, or null with an error when it is not one. */
    public static String email(String value, String pointer, List<FieldError> errors) {
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            errors.add(new FieldError(pointer, "is not an e-mail address"));
            return null;
        }
        return value;
    }

    private static String builtIn(String column, JsonNode node, String value, String pointer, List<FieldError> errors) {
        return switch (column) {
            case "email" -> email(value, pointer, errors);
            case "language" -> CustomerFields.knownLanguage(value);
            case "timezone" -> CustomerFields.knownZone(value);
            case "joined_date" -> joined(node, pointer, errors);
            default -> value;
        };
    }

    private static String joined(JsonNode node, String pointer, List<FieldError> errors) {
        try {
            Instant at = EventTimes.read(node);
            return at == null ? null : at.toString();
        } catch (EventTimes.InvalidTime e) {
            errors.add(new FieldError(pointer, e.getMessage()));
            return null;
        }
    }

    private static boolean isObject(JsonNode traits, String pointer, List<FieldError> errors) {
        if (traits == null || traits.isNull()) {
            return false;
        }
        if (!traits.isObject()) {
            errors.add(new FieldError(pointer, "must be an object"));
            return false;
        }
        return true;
    }
}
