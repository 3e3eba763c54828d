package io.xoal.events.ingest.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.error.FieldError;
import io.xoal.events.ingest.TestIngestConfig;
import io.xoal.events.ingest.envelope.Envelope;
import io.xoal.events.ingest.envelope.Subject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentDialectTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-11-27T10:00:00Z");

    private final SegmentDialect dialect = new SegmentDialect(TestIngestConfig.defaults());
    private final List<FieldError> errors = new ArrayList<>();

    private Envelope parse(String batch, String pathType, String item) throws Exception {
        return dialect.forRequest((ObjectNode) JSON.readTree(batch), "segment", pathType)
                .parse(JSON.readTree(item), 3, RECEIVED, errors);
    }

    private Envelope parse(String item) throws Exception {
        return parse("{}", null, item);
    }

    @Test
    void trackBecomesAnEventWithTheBatchContextUnderTheItemsOwn() throws Exception {
        Envelope e = parse("{\"context\":{\"library\":{\"name\":\"analytics-node\"},\"locale\":\"en\"}}", null,
                "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Order Completed\",\"messageId\":\"m1\","
                        + "\"properties\":{\"revenue\":42},\"context\":{\"locale\":\"fr\"}}");
        assertEquals(List.of(), errors);
        assertEquals(Envelope.Action.TRACK, e.action());
        assertEquals("Order Completed", e.name());
        assertEquals(Subject.customer("u1", null), e.subject());
        assertEquals("m1", e.messageId());
        assertEquals("{\"revenue\":42,\"context\":{\"library\":{\"name\":\"analytics-node\"},\"locale\":\"fr\"}}",
                e.propertiesJson());
    }

    @Test
    void pageAndScreenBecomeViewedEventsWithTheirName() throws Exception {
        Envelope page = parse("{}", "page", "{\"anonymousId\":\"a1\",\"name\":\"Pricing\",\"properties\":{}}");
        assertEquals("page_viewed", page.name());
        assertEquals(Subject.anonymous("a1"), page.subject());
        assertEquals("{\"name\":\"Pricing\"}", page.propertiesJson());
        assertEquals("screen_viewed", parse("{\"type\":\"screen\",\"userId\":\"u1\"}").name());
    }

    @Test
    void identifyCarriesTraitsAndLinksTheAnonymousId() throws Exception {
        Envelope e = parse("{\"type\":\"identify\",\"userId\":\"u1\",\"anonymousId\":\"a1\","
                + "\"traits\":{\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\",\"plan\":\"pro\"}}");
        assertEquals(List.of(), errors);
        assertEquals(Envelope.Action.IDENTIFY, e.action());
        assertEquals(Subject.customer("u1", "ada@example.com"), e.subject());
        assertEquals("a1", e.changes().mergeFrom());
        assertFalse(e.changes().mergeIdentified(), "an identify never merges an identified customer");
        assertEquals("Ada", JSON.readTree(e.changes().traits()).path("first_name").asText());
        assertEquals("Lovelace", JSON.readTree(e.changes().traits()).path("last_name").asText());
    }

    @Test
    void aliasIsAnExplicitMergeOfThePreviousId() throws Exception {
        Envelope e = parse("{\"type\":\"alias\",\"userId\":\"u2\",\"previousId\":\"u1\"}");
        assertEquals(Envelope.Action.MERGE, e.action());
        assertEquals("u1", e.changes().mergeFrom());
        assertTrue(e.changes().mergeIdentified());
    }

    @Test
    void groupRelatesTheCustomerToTheCompany() throws Exception {
        Envelope e = parse("{\"type\":\"group\",\"userId\":\"u1\",\"groupId\":\"acme\",\"traits\":{\"name\":\"Acme\"}}");
        assertEquals(Envelope.Action.GROUP, e.action());
        assertEquals(List.of(Subject.company("acme")), e.changes().relations());
    }

    @Test
    void sentAtCorrectsTheTimestampAndTheBatchsSentAtServesItemsWithoutOne() throws Exception {
        Envelope e = parse("{\"sentAt\":\"2026-11-27T09:00:10Z\"}", null,
                "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"x\",\"timestamp\":\"2026-11-27T09:00:00Z\"}");
        assertEquals(RECEIVED.minusSeconds(10), e.occurredAt());
    }

    @Test
    void namesTheMissingOrWrongFields() throws Exception {
        assertEquals(List.of("/userId"), rejectedFields("{\"type\":\"track\",\"event\":\"x\"}"));
        assertEquals(List.of("/type"), rejectedFields("{\"type\":\"fly\",\"userId\":\"u1\"}"));
        assertEquals(List.of("/previousId"), rejectedFields("{\"type\":\"alias\",\"userId\":\"u1\"}"));
        assertEquals(List.of("/groupId"), rejectedFields("{\"type\":\"group\",\"userId\":\"u1\"}"));
    }

    private List<String> rejectedFields(String item) throws Exception {
        errors.clear();
        assertNull(parse(item));
        return errors.stream().map(FieldError::field).toList();
    }
}
