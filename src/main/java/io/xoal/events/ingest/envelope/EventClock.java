package io.xoal.events.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.IngestConfig;

import java.time.Instant;
import java.util.List;

/**
 * Decides an event's time: {@code timestamp}, else {@code properties.time}, else receipt time;
 * corrected for the client's clock skew when {@code sentAt} is given
 * (time = receivedAt − (sentAt − timestamp)), and bounded to [{@link #earliest}, now + maxFuture].
 */
public final class EventClock {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final IngestConfig config;

    public EventClock(IngestConfig config) {
        this.config = config;
    }

    public Instant occurredAt(JsonNode item, JsonNode properties, Instant receivedAt, List<FieldError> errors) {
        String pointer = item.has("timestamp") ? "/timestamp" : "/properties/time";
        JsonNode given = item.has("timestamp") ? item.get("timestamp") : properties == null ? null : properties.get("time");
        return occurredAt(given, pointer, item.get("sentAt"), receivedAt, errors);
    }

    /** The time {@code given} (at {@code pointer}), corrected with the client's {@code sentAt}. */
    public Instant occurredAt(JsonNode given, String pointer, JsonNode sentAtNode, Instant receivedAt, List<FieldError> errors) {
        Instant time = read(given, pointer, errors);
        Instant sentAt = read(sentAtNode, "/sentAt", errors);
        if (time == null) {
            return receivedAt;
        }
        if (sentAt != null) {
            time = receivedAt.minusMillis(sentAt.toEpochMilli() - time.toEpochMilli());
        }
        Instant earliest = earliest(config, receivedAt);
        if (time.isBefore(earliest) || time.isAfter(receivedAt.plus(config.maxFuture()))) {
            errors.add(new FieldError(pointer, "must lie between " + earliest + " and " + config.maxFuture()
                    + " after now (after clock-skew correction)"));
        }
        return time;
    }

    /** The earliest event time accepted at {@code now}: 2000-01-01, or now − event-retention when that is later. */
    public static Instant earliest(IngestConfig config, Instant now) {
        return config.eventRetention()
                .map(now::minus)
                .filter(EARLIEST::isBefore)
                .orElse(EARLIEST);
    }

    private static Instant read(JsonNode node, String pointer, List<FieldError> errors) {
        try {
            return EventTimes.read(node);
        } catch (EventTimes.InvalidTime e) {
            errors.add(new FieldError(pointer, e.getMessage()));
            return null;
        }
    }
}
