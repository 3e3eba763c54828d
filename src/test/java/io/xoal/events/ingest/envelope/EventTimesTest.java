package io.xoal.events.ingest.envelope;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventTimesTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void readsEpochSecondsAndMillisecondsApartBySize() throws Exception {
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), EventTimes.read(JSON.numberNode(1_700_000_000)));
        assertEquals(Instant.parse("2023-11-14T22:13:20.123Z"), EventTimes.read(JSON.numberNode(1_700_000_000_123L)));
        assertEquals(Instant.parse("2023-11-14T22:13:20.500Z"), EventTimes.read(JSON.numberNode(1_700_000_000.5)));
    }

    @Test
    void readsIsoInstantsWithAnOffset() throws Exception {
        assertEquals(Instant.parse("2026-11-27T08:15:30Z"), EventTimes.read(JSON.textNode("2026-11-27T10:15:30+02:00")));
    }

    @Test
    void zeroAndNullMeanNotGiven() throws Exception {
        assertNull(EventTimes.read(JSON.numberNode(0)));
        assertNull(EventTimes.read(JSON.nullNode()));
        assertNull(EventTimes.read(null));
    }

    @Test
    void refusesWhatIsNotATime() {
        assertThrows(EventTimes.InvalidTime.class, () -> EventTimes.read(JSON.numberNode(-5)));
        assertThrows(EventTimes.InvalidTime.class, () -> EventTimes.read(JSON.textNode("yesterday")));
        assertThrows(EventTimes.InvalidTime.class, () -> EventTimes.read(JSON.textNode("2026-11-27T10:15:30")));
        assertThrows(EventTimes.InvalidTime.class, () -> EventTimes.read(JSON.booleanNode(true)));
    }
}
