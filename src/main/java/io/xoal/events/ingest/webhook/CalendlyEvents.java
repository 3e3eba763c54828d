package io.xoal.events.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.EventTimes;
import io.xoal.events.ingest.envelope.Subject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Maps Calendly's {@code invitee.created} to {@code meeting_booked} and {@code invitee.canceled} to
 * {@code meeting_canceled}, for the customer with the invitee's e-mail. The invitee's URI (with the
 * event) is the messageId: a redelivery is stored once.
 */
final class CalendlyEvents {

    private static final Map<String, String> NAMES = Map.of(
            "invitee.created", "meeting_booked",
            "invitee.canceled", "meeting_canceled");

    private CalendlyEvents() {
    }

    static boolean handles(JsonNode delivery) {
        return NAMES.containsKey(delivery.path("event").asText());
    }

    static Envelope map(JsonNode delivery, long workspaceId, Instant receivedAt, List<FieldError> errors) {
        String event = delivery.path("event").asText();
        JsonNode invitee = delivery.path("payload");
        String uri = invitee.path("uri").asText(null);
        String email = invitee.path("email").asText(null);
        if (uri == null || email == null) {
            errors.add(new FieldError(uri == null ? "/payload/uri" : "/payload/email", "is required"));
            return null;
        }
        JsonNode meeting = invitee.path("scheduled_event");
        ObjectNode properties = JsonNodeFactory.instance.objectNode()
                .put("event_type", meeting.path("name").asText(null))
                .put("event_type_uri", meeting.path("event_type").asText(null))
                .put("start_time", meeting.path("start_time").asText(null))
                .put("end_time", meeting.path("end_time").asText(null))
                .put("scheduled_event", meeting.path("uri").asText(invitee.path("event").asText(null)))
                .put("invitee_email", email)
                .put("invitee_name", invitee.path("name").asText(null))
                .put("invitee_uri", uri);
        if (invitee.path("cancellation").isObject()) {
            properties.put("cancel_reason", invitee.path("cancellation").path("reason").asText(null));
            properties.put("canceled_by", invitee.path("cancellation").path("canceled_by").asText(null));
        }
        Instant occurredAt = time(delivery.path("created_at"), receivedAt);
        return Envelope.track(workspaceId, "calendly:" + event + ":" + uri, NAMES.get(event), Subject.customer(null, email),
                properties.toString(), occurredAt, receivedAt, "calendly");
    }

    /** Calendly's own time when it is readable and not ahead of receipt (by a day at most), else receipt time. */
    private static Instant time(JsonNode node, Instant fallback) {
        try {
            Instant at = EventTimes.read(node.isMissingNode() ? null : node);
            return at == null || at.isAfter(fallback.plus(Duration.ofDays(1))) ? fallback : at;
        } catch (EventTimes.InvalidTime e) {
            return fallback;
        }
    }
}
