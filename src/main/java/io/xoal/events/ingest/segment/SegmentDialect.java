package io.xoal.events.ingest.segment;

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
import io.xoal.events.ingest.envelope.ProfileChange;
import io.xoal.events.ingest.envelope.Subject;
import io.xoal.events.ingest.envelope.Traits;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Segment's message spec, also spoken by RudderStack, Hightouch and Jitsu: identify, track, page,
 * screen, group and alias, mapped onto Xoal's envelope (docs/ingestion.md has the table). Unknown
 * fields are ignored, as Segment does; {@code context} is kept with the event's properties. The
 * event-size limit holds for what is stored: the properties with the batch's context merged in.
 */
@ApplicationScoped
public class SegmentDialect {

    static final Set<String> TYPES = Set.of("identify", "track", "page", "screen", "group", "alias");
    private final JsonFields fields;
    private final EventClock clock;
    private final Traits traits;
    private final int maxEventBytes;

    public SegmentDialect(IngestConfig config) {
        this.maxEventBytes = config.maxEventBytes();
        JsonBounds bounds = new JsonBounds(config.maxDepth(), config.maxStringLength(), config.maxKeys());
        this.fields = new JsonFields(bounds);
        this.clock = new EventClock(config);
        this.traits = new Traits(bounds);
    }

    /**
     * The dialect for one request.
     *
     * @param batch    the other fields of a {@code {"batch": [...]}} body: its {@code context} is
     *                 merged into every item's, its {@code sentAt} used where an item has none
     * @param pathType the type the path implies ({@code /v1/track}), or null
     */
    public Dialect forRequest(ObjectNode batch, String source, String pathType) {
        // Measured once: a batch context over the limit on its own is never copied into a message.
        JsonNode context = batch.get("context");
        boolean contextFits = context == null || utf8Bytes(context.toString()) <= maxEventBytes;
        return (item, workspaceId, receivedAt, errors) -> {
            if (!contextFits) {
                errors.add(new FieldError("/context", "the batch's context is over " + maxEventBytes
                        + " bytes, the limit of an event it is merged into"));
                return null;
            }
            return parse(item, batch, source, pathType, workspaceId, receivedAt, errors);
        };
    }

    private Envelope parse(JsonNode item, ObjectNode batch, String source, String pathType, long workspaceId,
                           Instant receivedAt, List<FieldError> errors) {
        if (!item.isObject()) {
            errors.add(new FieldError("", "must be a JSON object"));
            return null;
        }
        String type = type(item, pathType, errors);
        String userId  = fields.id(item.get("userId"), "/userId", errors);
        String anonymousId  = fields.id(item.get("anonymousId"), "/anonymousId", errors);
        String messageId  = fields.id(item.get("messageId"), "/messageId", errors);
        ObjectNode context = context(batch.get("context"), item.get("context"), errors);
        boolean original = item.hasNonNull("originalTimestamp");
        Instant occurredAt = clock.occurredAt(item.get(original ? "originalTimestamp" : "timestamp"),
                original ? "/originalTimestamp" : "/timestamp",
                item.hasNonNull("sentAt") ? item.get("sentAt") : batch.get("sentAt"), receivedAt, errors);
        if (userId == null && anonymousId == null && errors.isEmpty()) {
            errors.add(new FieldError("/userId", "userId or anonymousId is required"));
        }
        if (type == null || !errors.isEmpty()) {
            return null;
        }
        Message m = new Message(item, workspaceId, messageId != null ? messageId : UUID.randomUUID().toString(),
                userId, anonymousId, context, occurredAt, receivedAt, source);
        Envelope envelope = switch (type) {
            case "identify" -> identify(m, errors);
            case "group" -> group(m, errors);
            case "alias" -> alias(m, errors);
            default -> track(m, type, errors);
        };
        return errors.isEmpty() ? envelope : null;
    }

    private Envelope track(Message m, String type, List<FieldError> errors) {
        String name = switch (type) {
            case "page" -> "page_viewed";
            case "screen" -> "screen_viewed";
            default -> fields.text(m.item().get("event"), "/event", true, errors);
        };
        ObjectNode properties = fields.object(m.item().get("properties"), "/properties", errors);
        if (properties == null) {
            return null;
        }
        if (!"track".equals(type)) {
            copyText(m.item(), "name", properties, errors);
            copyText(m.item(), "category", properties, errors);
        }
        if (!m.context().isEmpty()) {
            properties.set("context", m.context());
        }
        fields.bounds().check(properties, "/properties", 0, errors);
        String stored = properties.toString();
        int bytes = utf8Bytes(stored);
        if (bytes > maxEventBytes) {
            errors.add(new FieldError(m.context().isEmpty() ? "/properties" : "/context", "the properties with the "
                    + "context are " + bytes + " bytes; the limit of a stored event is " + maxEventBytes + " bytes"));
            return null;
        }
        Subject subject = m.userId() != null ? Subject.customer(m.userId(), null) : Subject.anonymous(m.anonymousId());
        return m.envelope(Envelope.Action.TRACK, name, subject, stored, ProfileChange.NONE);
    }

    private Envelope identify(Message m, List<FieldError> errors) {
        JsonNode given = m.item().has("traits") ? m.item().get("traits") : m.context().get("traits");
        String pointer = m.item().has("traits") ? "/traits" : "/context/traits";
        String customerTraits = traits.customer(given, pointer, errors);
        String email = given != null && given.hasNonNull("email") && given.get("email").isTextual()
                ? given.get("email").asText() : null;
        Subject subject = m.userId() != null ? Subject.customer(m.userId(), email)
                : email != null ? Subject.customer(null, email)
                : Subject.anonymous(m.anonymousId());
        String link = subject.alias() == null ? m.anonymousId() : null;
        return m.envelope(Envelope.Action.IDENTIFY, "identify", subject, "{}", ProfileChange.traits(customerTraits, link));
    }

    private Envelope group(Message m, List<FieldError> errors) {
        String groupId = fields.id(m.item().get("groupId"), "/groupId", errors);
        if (groupId == null) {
            errors.add(new FieldError("/groupId", "is required"));
            return null;
        }
        String companyTraits = traits.company(m.item().get("traits"), "/traits", errors);
        Subject subject = m.userId() != null ? Subject.customer(m.userId(), null) : Subject.anonymous(m.anonymousId());
        return m.envelope(Envelope.Action.GROUP, "group", subject, "{}", ProfileChange.group(groupId, companyTraits));
    }

    private Envelope alias(Message m, List<FieldError> errors) {
        String previousId = fields.id(m.item().get("previousId"), "/previousId", errors);
        if (previousId == null || m.userId() == null) {
            errors.add(new FieldError(previousId == null ? "/previousId" : "/userId", "is required"));
            return null;
        }
        return m.envelope(Envelope.Action.MERGE, "alias", Subject.customer(m.userId(), null), "{}",
                ProfileChange.merge(previousId));
    }

    private String type(JsonNode item, String pathType, List<FieldError> errors) {
        JsonNode node = item.get("type");
        String type = node == null || node.isNull() ? pathType : node.asText();
        if (type == null) {
            errors.add(new FieldError("/type", "is required: one of " + String.join(", ", TYPES)));
            return null;
        }
        if (!TYPES.contains(type)) {
            errors.add(new FieldError("/type", "must be one of " + String.join(", ", TYPES)));
            return null;
        }
        return type;
    }

    /** The batch's context with the item's own fields over it. */
    private ObjectNode context(JsonNode batch, JsonNode item, List<FieldError> errors) {
        ObjectNode merged = batch != null && batch.isObject() ? ((ObjectNode) batch).deepCopy() : JsonNodeFactory.instance.objectNode();
        ObjectNode own = fields.object(item, "/context", errors);
        if (own != null) {
            merged.setAll(own);
        }
        return merged;
    }

    private static int utf8Bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    private void copyText(JsonNode item, String field, ObjectNode into, List<FieldError> errors) {
        String value = fields.text(item.get(field), "/" + field, false, errors);
        if (value != null) {
            into.put(field, value);
        }
    }

    /** The fields every message type shares. */
    private record Message(JsonNode item, long workspaceId, String messageId, String userId, String anonymousId,
                           ObjectNode context, Instant occurredAt, Instant receivedAt, String source) {

        Envelope envelope(Envelope.Action action, String name, Subject subject, String properties, ProfileChange changes) {
            return new Envelope(workspaceId, messageId, action, name, subject, properties, occurredAt, receivedAt,
                    source, changes);
        }
    }
}
