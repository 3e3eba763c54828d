package io.xoal.events.ingest.customerio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.common.JsonBounds;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.Dialect;
import io.xoal.events.ingest.IngestConfig;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.Envelope.Action;
import io.xoal.events.ingest.envelope.EventClock;
import io.xoal.events.ingest.envelope.JsonFields;
import io.xoal.events.ingest.envelope.ProfileChange;
import io.xoal.events.ingest.envelope.Subject;
import io.xoal.events.ingest.envelope.Traits;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Customer.io's Track API v1 (one call per path) and v2 (entity payloads), mapped onto Xoal's
 * envelope. An event's {@code id} is its messageId; {@code timestamp} is Unix seconds. Customer.io
 * object type ids become custom object types {@code cio_<id>}.
 */
@ApplicationScoped
public class CustomerIoDialect {

    private static final String SOURCE = "customerio";
    private static final Pattern TYPE_ID = Pattern.compile("[a-z0-9_]{1,60}");

    private final JsonFields fields;
    private final EventClock clock;
    private final Traits traits;

    public CustomerIoDialect(IngestConfig config) {
        JsonBounds bounds = new JsonBounds(config.maxDepth(), config.maxStringLength(), config.maxKeys());
        this.fields = new JsonFields(bounds);
        this.clock = new EventClock(config);
        this.traits = new Traits(bounds);
    }

    /** v1 {@code PUT /api/v1/customers/{id}}: the body is the attributes; {@code anonymous_id} links that history. */
    public Dialect identify(String id) {
        return (item, ws, receivedAt, errors) -> {
            ObjectNode attributes = fields.object(item, "", errors);
            if (attributes == null) {
                return null;
            }
            String anonymousId = fields.id(attributes.remove("anonymous_id"), "/anonymous_id", errors);
            String email = attributes.hasNonNull("email") ? attributes.get("email").asText() : null;
            String customerTraits = traits.customer(attributes, "", errors);
            return errors.isEmpty() ? envelope(ws, null, Action.IDENTIFY, "identify", Subject.customer(id, email),
                    "{}", receivedAt, receivedAt, ProfileChange.traits(customerTraits, anonymousId)) : null;
        };
    }

    /** v1 {@code DELETE /api/v1/customers/{id}}. */
    public Dialect delete(String id) {
        return (item, ws, receivedAt, errors) -> envelope(ws, null, Action.DELETE, "delete", Subject.customer(id, null),
                "{}", receivedAt, receivedAt, ProfileChange.NONE);
    }

    /** v1 {@code POST /api/v1/customers/{id}/events} ({@code id} given) and {@code POST /api/v1/events} (anonymous). */
    public Dialect event(String id) {
        return (item, ws, receivedAt, errors) -> {
            if (!item.isObject()) {
                errors.add(new FieldError("", "must be a JSON object"));
                return null;
            }
            Subject subject = id != null ? Subject.customer(id, null) : anonymous(item, errors);
            String type = item.hasNonNull("type") ? item.get("type").asText() : "event";
            return event(item, ws, receivedAt, subject, type, "/data", errors);
        };
    }

    /** v1 {@code POST /api/v1/merge_customers}: {@code {"primary": {...}, "secondary": {...}}}. */
    public Dialect merge() {
        return (item, ws, receivedAt, errors) -> merge(item, ws, receivedAt, errors);
    }

    /** v2 {@code POST /api/v2/entity} and each item of {@code POST /api/v2/batch}. */
    public Dialect entity() {
        return this::entity;
    }

    private Envelope entity(JsonNode item, long ws, Instant receivedAt, List<FieldError> errors) {
        if (!item.isObject()) {
            errors.add(new FieldError("", "must be a JSON object"));
            return null;
        }
        String type = fields.text(item.get("type"), "/type", true, errors);
        String action = fields.text(item.get("action"), "/action", true, errors);
        if (type == null || action == null) {
            return null;
        }
        if (!("person".equals(type) || "object".equals(type))) {
            errors.add(new FieldError("/type", "must be person or object"));
            return null;
        }
        if ("merge".equals(action) && "person".equals(type)) {
            return merge(item, ws, receivedAt, errors);
        }
        Subject subject = "person".equals(type) ? person(item.get("identifiers"), "/identifiers", errors)
                : object(item.get("identifiers"), "/identifiers", errors);
        if (subject == null) {
            return null;
        }
        return switch (action) {
            case "identify" -> identifyEntity(item, ws, receivedAt, subject, errors);
            case "event", "page", "screen" -> event(item, ws, receivedAt, subject, action, "/attributes", errors);
            case "delete" -> envelope(ws, null, Action.DELETE, "delete", subject, "{}", receivedAt, receivedAt, ProfileChange.NONE);
            case "add_relationships", "delete_relationships" -> relate(item, ws, receivedAt, subject,
                    "delete_relationships".equals(action), errors);
            default -> {
                errors.add(new FieldError("/action", "must be identify, event, page, screen, delete, add_relationships, "
                        + "delete_relationships or merge"));
                yield null;
            }
        };
    }

    private Envelope identifyEntity(JsonNode item, long ws, Instant receivedAt, Subject subject, List<FieldError> errors) {
        List<Subject> relations = relations(item, subject, errors);
        String given = subject.kind() == Subject.Kind.CUSTOMER
                ? traits.customer(item.get("attributes"), "/attributes", errors)
                : traits.object(item.get("attributes"), "/attributes", errors);
        return errors.isEmpty() ? envelope(ws, null, Action.IDENTIFY, "identify", subject, "{}", receivedAt, receivedAt,
                ProfileChange.relate(given, relations)) : null;
    }

    private Envelope relate(JsonNode item, long ws, Instant receivedAt, Subject subject, boolean remove, List<FieldError> errors) {
        List<Subject> relations = relations(item, subject, errors);
        if (relations.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("/cio_relationships", "is required"));
        }
        return errors.isEmpty() ? envelope(ws, null, Action.RELATE, "relate", subject, "{}", receivedAt, receivedAt,
                remove ? ProfileChange.unrelate(relations) : ProfileChange.relate(null, relations)) : null;
    }

    /** A person relates to objects, an object to people. */
    private List<Subject> relations(JsonNode item, Subject subject, List<FieldError> errors) {
        JsonNode list = item.get("cio_relationships");
        List<Subject> relations = new ArrayList<>();
        if (list == null || list.isNull()) {
            return relations;
        }
        if (!list.isArray()) {
            errors.add(new FieldError("/cio_relationships", "must be an array"));
            return relations;
        }
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/cio_relationships/" + i + "/identifiers";
            Subject related = subject.kind() == Subject.Kind.CUSTOMER
                    ? object(list.get(i).get("identifiers"), pointer, errors)
                    : person(list.get(i).get("identifiers"), pointer, errors);
            if (related != null) {
                relations.add(related);
            }
        }
        return relations;
    }

    private Envelope event(JsonNode item, long ws, Instant receivedAt, Subject subject, String type, String dataPointer,
                           List<FieldError> errors) {
        String name = fields.text(item.get("name"), "/name", true, errors);
        ObjectNode properties = fields.object(item.get(dataPointer.substring(1)), dataPointer, errors);
        String messageId = fields.id(item.get("id"), "/id", errors);
        Instant occurredAt = clock.occurredAt(item.get("timestamp"), "/timestamp", null, receivedAt, errors);
        if (name == null || properties == null || subject == null) {
            return null;
        }
        String stored = name;
        if ("page".equals(type) || "screen".equals(type)) {
            properties.put("page".equals(type) ? "url" : "name", name);
            stored = type + "_viewed";
        }
        fields.bounds().check(properties, dataPointer, 0, errors);
        return errors.isEmpty() ? envelope(ws, messageId, Action.TRACK, stored, subject, properties.toString(), occurredAt,
                receivedAt, ProfileChange.NONE) : null;
    }

    private Envelope merge(JsonNode item, long ws, Instant receivedAt, List<FieldError> errors) {
        Subject primary = person(item.get("primary"), "/primary", errors);
        JsonNode secondary = item.get("secondary");
        String from = secondary != null && secondary.isObject() ? fields.id(secondary.get("id"), "/secondary/id", errors) : null;
        if (from == null && errors.isEmpty()) {
            errors.add(new FieldError("/secondary/id", "is required: the id of the person merged into the primary one"));
        }
        return errors.isEmpty() ? envelope(ws, null, Action.MERGE, "merge", primary, "{}", receivedAt, receivedAt,
                ProfileChange.merge(from)) : null;
    }

    private Subject anonymous(JsonNode item, List<FieldError> errors) {
        String anonymousId = fields.id(item.get("anonymous_id"), "/anonymous_id", errors);
        if (anonymousId == null && errors.isEmpty()) {
            errors.add(new FieldError("/anonymous_id", "is required: an event needs a person"));
        }
        return anonymousId == null ? null : Subject.anonymous(anonymousId);
    }

    /** {@code {"id": ...}} or {@code {"email": ...}}. */
    private Subject person(JsonNode identifiers, String pointer, List<FieldError> errors) {
        if (identifiers == null || !identifiers.isObject()) {
            errors.add(new FieldError(pointer, "must be an object with id or email"));
            return null;
        }
        String id = fields.id(identifiers.get("id"), pointer + "/id", errors);
        String email = fields.text(identifiers.get("email"), pointer + "/email", false, errors);
        if (email != null) {
            email = Traits.email(email, pointer + "/email", errors);
        }
        if (id == null && email == null) {
            errors.add(new FieldError(pointer, identifiers.has("cio_id") ? "cio_id is not supported here: send id or email"
                    : "must have id or email"));
            return null;
        }
        return Subject.customer(id, email);
    }

    /** {@code {"object_type_id": "1", "object_id": "acme"}}. */
    private Subject object(JsonNode identifiers, String pointer, List<FieldError> errors) {
        if (identifiers == null || !identifiers.isObject()) {
            errors.add(new FieldError(pointer, "must be an object with object_type_id and object_id"));
            return null;
        }
        String typeId = fields.id(identifiers.get("object_type_id"), pointer + "/object_type_id", errors);
        String objectId = fields.id(identifiers.get("object_id"), pointer + "/object_id", errors);
        if (typeId == null || objectId == null || !TYPE_ID.matcher(typeId).matches()) {
            errors.add(new FieldError(pointer + (typeId == null || !TYPE_ID.matcher(typeId).matches()
                    ? "/object_type_id" : "/object_id"), "is required (object_type_id: digits, letters or _)"));
            return null;
        }
        return Subject.object("cio_" + typeId, objectId);
    }

    private static Envelope envelope(long ws, String messageId, Action action, String name, Subject subject, String properties,
                                     Instant occurredAt, Instant receivedAt, ProfileChange changes) {
        return new Envelope(ws, messageId != null ? messageId : UUID.randomUUID().toString(), action, name, subject,
                properties, occurredAt, receivedAt, SOURCE, changes);
    }
}
