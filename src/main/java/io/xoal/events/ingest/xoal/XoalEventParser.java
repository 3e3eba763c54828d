package io.xoal.events.ingest.xoal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.common.JsonBounds;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.Dialect;
import io.xoal.events.ingest.IngestConfig;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.EventClock;
import io.xoal.events.ingest.envelope.JsonFields;
import io.xoal.events.ingest.envelope.Subject;
import io.xoal.events.ingest.envelope.Traits;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one event of the Xoal Events API into an {@link Envelope}, or says every field that is
 * wrong. The subject is {@code properties.userId}/{@code properties.userEmail} (a customer),
 * {@code company.id}, or {@code object.type} + {@code object.id} — exactly one of them.
 */
@ApplicationScoped
public class XoalEventParser implements Dialect {

    private static final Set<String> TOP_LEVEL = Set.of(
            "event", "properties", "messageId", "timestamp", "sentAt", "company", "object");
    private static final Set<String> RESERVED = Set.of("userId", "userEmail", "time", "customData");
    private static final Pattern OBJECT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final JsonBounds bounds;
    private final JsonFields fields;
    private final EventClock clock;

    public XoalEventParser(IngestConfig config) {
        this.bounds = new JsonBounds(config.maxDepth(), config.maxStringLength(), config.maxKeys());
        this.fields = new JsonFields(bounds);
        this.clock = new EventClock(config);
    }

    @Override
    public Envelope parse(JsonNode item, long workspaceId, Instant receivedAt, List<FieldError> errors) {
        if (!item.isObject()) {
            errors.add(new FieldError("", "must be a JSON object"));
            return null;
        }
        item.fieldNames().forEachRemaining(name -> {
            if (!TOP_LEVEL.contains(name)) {
                errors.add(new FieldError("/" + JsonBounds.escape(name), "is not a field of an event"));
            }
        });
        String name = requiredText(item.get("event"), "/event", errors);
        String messageId = optionalId(item.get("messageId"), "/messageId", errors);
        JsonNode properties = item.get("properties");
        if (properties != null && !properties.isObject() && !properties.isNull()) {
            errors.add(new FieldError("/properties", "must be an object"));
            properties = null;
        }
        Subject subject = subject(item, properties, errors);
        ObjectNode stored = storedProperties(properties, errors);
        Instant occurredAt = clock.occurredAt(item, properties, receivedAt, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return Envelope.track(workspaceId, messageId != null ? messageId : UUID.randomUUID().toString(),
                name, subject, stored.toString(), occurredAt, receivedAt, "api");
    }

    private Subject subject(JsonNode item, JsonNode properties, List<FieldError> errors) {
        List<Subject> found = new ArrayList<>();
        if (properties != null && (properties.has("userId") || properties.has("userEmail"))) {
            String id = optionalId(properties.get("userId"), "/properties/userId", errors);
            String email = email(properties.get("userEmail"), errors);
            if (id != null || email != null) {
                found.add(Subject.customer(id, email));
            }
        }
        JsonNode company = item.get("company");
        if (company != null) {
            String id = shape(company, "/company", Set.of("id"), errors)
                    ? requiredId(company.get("id"), "/company/id", errors) : null;
            found.add(Subject.company(id));
        }
        JsonNode object = item.get("object");
        if (object != null) {
            boolean ok = shape(object, "/object", Set.of("type", "id"), errors);
            String type = ok ? objectType(object.get("type"), errors) : null;
            String id = ok ? requiredId(object.get("id"), "/object/id", errors) : null;
            found.add(Subject.object(type, id));
        }
        if (found.isEmpty()) {
            errors.add(new FieldError("/properties/userId", "an event needs a subject: properties.userId and/or "
                    + "properties.userEmail (a customer), company.id, or object.type and object.id"));
            return null;
        }
        if (found.size() > 1) {
            errors.add(new FieldError(found.get(0).kind() == Subject.Kind.CUSTOMER ? "/company" : "/object",
                    "an event belongs to exactly one subject: a customer, a company or an object"));
        }
        return found.get(0);
    }

    private ObjectNode storedProperties(JsonNode properties, List<FieldError> errors) {
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        if (properties == null || properties.isNull()) {
            return stored;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!RESERVED.contains(field.getKey())) {
                stored.set(field.getKey(), field.getValue());
            }
        }
        JsonNode custom = properties.get("customData");
        if (custom != null && !custom.isNull()) {
            if (custom.isObject()) {
                stored.setAll((ObjectNode) custom);
            } else {
                errors.add(new FieldError("/properties/customData", "must be an object"));
            }
        }
        bounds.check(stored, "/properties", 0, errors);
        return stored;
    }

    private String objectType(JsonNode node, List<FieldError> errors) {
        String type = requiredText(node, "/object/type", errors);
        if (type != null && !OBJECT_TYPE.matcher(type).matches()) {
            errors.add(new FieldError("/object/type", "must be lowercase letters, digits and _ (at most 64), starting with a letter"));
            return null;
        }
        return type;
    }

    private String email(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        String email = requiredText(node, "/properties/userEmail", errors);
        return email == null ? null : Traits.email(email, "/properties/userEmail", errors);
    }

    private static boolean shape(JsonNode node, String pointer, Set<String> allowed, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(pointer, "must be an object with " + String.join(" and ", allowed)));
            return false;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(pointer + "/" + JsonBounds.escape(name), "is not a field of " + pointer.substring(1)));
            }
        });
        return true;
    }

    private String requiredId(JsonNode node, String pointer, List<FieldError> errors) {
        return node != null && node.isIntegralNumber() ? node.asText() : fields.text(node, pointer, true, errors);
    }

    private String optionalId(JsonNode node, String pointer, List<FieldError> errors) {
        return fields.id(node, pointer, errors);
    }

    private String requiredText(JsonNode node, String pointer, List<FieldError> errors) {
        return fields.text(node, pointer, true, errors);
    }
}
