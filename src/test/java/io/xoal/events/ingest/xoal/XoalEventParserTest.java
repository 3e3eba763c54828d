package io.xoal.events.ingest.xoal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.TestIngestConfig;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.Subject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class XoalEventParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-11-27T10:00:00Z");

    private final XoalEventParser parser = new XoalEventParser(TestIngestConfig.defaults());
    private final List<FieldError> errors = new ArrayList<>();

    private Envelope parse(String json) throws Exception {
        return parser.parse(JSON.readTree(json), 7, RECEIVED, errors);
    }

    @Test
    void mapsXoalsDocumentedSample() throws Exception {
        Envelope e = parse("{\"event\":\"user upgraded\",\"properties\":{\"userId\":\"u1\",\"userEmail\":\"a@b.co\","
                + "\"time\":0,\"customData\":{\"plan\":\"pro\"}}}");
        assertEquals(List.of(), errors);
        assertEquals(Envelope.Action.TRACK, e.action());
        assertEquals("user upgraded", e.name());
        assertEquals(Subject.customer("u1", "a@b.co"), e.subject());
        assertEquals("{\"plan\":\"pro\"}", e.propertiesJson());
        assertEquals(RECEIVED, e.occurredAt());
        assertEquals(7, e.workspaceId());
        assertEquals("api", e.source());
    }

    @Test
    void keepsTheGivenMessageIdAndDrawsOneOtherwise() throws Exception {
        assertEquals("m-1", parse("{\"event\":\"a\",\"messageId\":\"m-1\",\"company\":{\"id\":\"acme\"}}").messageId());
        String drawn = parse("{\"event\":\"a\",\"company\":{\"id\":\"acme\"}}").messageId();
        assertEquals(36, drawn.length());
    }

    @Test
    void readsCompanyAndObjectSubjects() throws Exception {
        assertEquals(Subject.company("acme"), parse("{\"event\":\"a\",\"company\":{\"id\":\"acme\"}}").subject());
        assertEquals(Subject.object("course", "c-1"),
                parse("{\"event\":\"a\",\"object\":{\"type\":\"course\",\"id\":\"c-1\"}}").subject());
    }

    @Test
    void namesEveryWrongField() throws Exception {
        assertNull(parse("{\"evnet\":\"a\",\"properties\":{\"userEmail\":\"not-an-email\",\"customData\":[]},"
                + "\"object\":{\"type\":\"Bad Type\",\"id\":\"x\"}}"));
        assertEquals(List.of("/evnet", "/event", "/properties/userEmail", "/object/type", "/properties/customData"),
                errors.stream().map(FieldError::field).toList());
    }

    @Test
    void anEventBelongsToExactlyOneSubject() throws Exception {
        assertNull(parse("{\"event\":\"a\",\"properties\":{\"userId\":\"u\"},\"company\":{\"id\":\"acme\"}}"));
        assertEquals(List.of("/company"), errors.stream().map(FieldError::field).toList());
    }
}
