package io.xoal.events.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.TestIngestConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventClockTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Instant RECEIVED = Instant.parse("2026-11-27T10:00:10Z");

    private final EventClock clock = new EventClock(TestIngestConfig.defaults());
    private final List<FieldError> errors = new ArrayList<>();

    private Instant occurredAt(JsonNode given, JsonNode sentAt) {
        return clock.occurredAt(given, "/timestamp", sentAt, RECEIVED, errors);
    }

    @Test
    void withoutATimeTheEventHappenedOnReceipt() {
        assertEquals(RECEIVED, occurredAt(null, null));
        assertEquals(List.of(), errors);
    }

    @Test
    void correctsTheClientsClockSkewWithSentAt() {
        // The client's clock is 1 h behind: it says the event happened 4 s before it sent the request.
        Instant at = occurredAt(JSON.textNode("2026-11-27T09:00:00Z"), JSON.textNode("2026-11-27T09:00:04Z"));
        assertEquals(RECEIVED.minusSeconds(4), at);
        assertEquals(List.of(), errors);
    }

    @Test
    void refusesTimesBefore2000OrTooFarInTheFuture() {
        occurredAt(JSON.textNode("1999-12-31T23:59:59Z"), null);
        occurredAt(JSON.textNode(RECEIVED.plus(Duration.ofDays(2)).toString()), null);
        assertEquals(List.of("/timestamp", "/timestamp"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void namesTheFieldOfAnUnreadableTime() {
        occurredAt(JSON.textNode("soon"), JSON.textNode("later"));
        assertEquals(List.of("/timestamp", "/sentAt"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void readsXoalsPropertiesTimeWhenThereIsNoTimestamp() {
        var item = JSON.objectNode();
        var properties = item.putObject("properties").put("time", 1_700_000_000);
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), clock.occurredAt(item, properties, RECEIVED, errors));
    }
}
