package io.xoal.events.ingest.xoal;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.Metrics;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.get;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class XoalIngestResourceTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void acceptsXoalsDocumentedSampleVerbatim() {
        ws.ingest()
                .body("{\"event\":\"user upgraded\",\"properties\":{\"userId\":\"u1\",\"userEmail\":\"a@b.co\",\"time\":0,\"customData\":{\"plan\":\"pro\"}}}")
                .post("/ingest/v1/event")
                .then().statusCode(200)
                .body("accepted", is(1), "duplicates", is(0), "rejected", hasSize(0));

        ws.admin().get("/v1/customers/u1/events")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].name", is("user upgraded"))
                .body("items[0].properties.plan", is("pro"))
                .body("items[0].subject.type", is("customer"))
                .body("items[0].subject.id", is("u1"));
        ws.admin().get("/v1/customers/u1")
                .then().statusCode(200)
                .body("email", is("a@b.co"), "added_via", is("api"), "contact_type", is("user"),
                        "last_active", notNullValue());
    }

    @Test
    void storesValidItemsOfABatchAndNamesTheFieldsOfInvalidOnes() {
        String user = unique("u");
        ws.ingest()
                .body(List.of(
                        Map.of("event", "signed_up", "properties", Map.of("userId", user)),
                        Map.of("properties", Map.of("userId", user)),
                        Map.of("event", "x", "properties", Map.of("userId", user, "time", "yesterday")),
                        Map.of("event", "logged_in", "properties", Map.of("userId", user)),
                        Map.of("event", "x", "company", "acme")))
                .post("/ingest/v1/event")
                .then().statusCode(200)
                .body("accepted", is(2))
                .body("rejected.index", contains(1, 2, 4))
                .body("rejected[0].errors.field", hasItem("/event"))
                .body("rejected[1].errors.field", hasItem("/properties/time"))
                .body("rejected[2].errors.field", hasItem("/company"));

        ws.admin().get("/v1/customers/" + user + "/events")
                .then().body("items.name", contains("logged_in", "signed_up"));
    }

    @Test
    void rejectsABatchWithNoValidEventWith400NamingEachField() {
        ws.ingest()
                .body(List.of(Map.of("event", ""), Map.of("event", "e", "properties", Map.of("userEmail", "nope"))))
                .post("/ingest/v1/event")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("errors.field", hasItem("/0/event"))
                .body("errors.field", hasItem("/1/properties/userEmail"));
    }

    @Test
    void countsAReplayedMessageIdAsDuplicateAndStoresItOnce() {
        String user = unique("u");
        String messageId = unique("m");
        Map<String, Object> event = Map.of("event", "purchase", "messageId", messageId, "properties", Map.of("userId", user));
        ws.ingest().body(event).post("/ingest/v1/event").then().statusCode(200).body("accepted", is(1));
        ws.ingest().body(List.of(event, event)).post("/ingest/v1/event")
                .then().statusCode(200).body("accepted", is(0), "duplicates", is(2));

        ws.admin().get("/v1/customers/" + user + "/events").then().body("items", hasSize(1));
    }

    @Test
    void sameMessageIdInAnotherWorkspaceIsNotADuplicate() {
        String messageId = unique("m");
        Map<String, Object> event = Map.of("event", "purchase", "messageId", messageId, "properties", Map.of("userId", "u"));
        ws.ingest().body(event).post("/ingest/v1/event").then().body("accepted", is(1));
        TestWorkspace.create().ingest().body(event).post("/ingest/v1/event").then().body("accepted", is(1));
    }

    @Test
    void storesEventsOfCompaniesAndCustomObjects() {
        String company = unique("acme");
        String course = unique("c");
        ws.ingest().body(List.of(
                        Map.of("event", "invoice paid", "company", Map.of("id", company), "properties", Map.of("customData", Map.of("amount", 990))),
                        Map.of("event", "lesson completed", "object", Map.of("type", "course", "id", course))))
                .post("/ingest/v1/event")
                .then().statusCode(200).body("accepted", is(2));

        ws.admin().get("/v1/companies/" + company + "/events")
                .then().statusCode(200).body("items[0].name", is("invoice paid"), "items[0].properties.amount", is(990),
                        "items[0].subject.type", is("company"));
        ws.admin().get("/v1/objects/course/" + course + "/events")
                .then().statusCode(200).body("items[0].name", is("lesson completed"), "items[0].subject.object_type", is("course"));
        ws.admin().get("/v1/companies/" + company).then().statusCode(200).body("last_active", notNullValue());
    }

    @Test
    void identifiesACustomerByEmailAloneAndLaterById() {
        String email = unique("e") + "@example.com";
        String user = unique("u");
        ws.ingest().body(Map.of("event", "visited", "properties", Map.of("userEmail", email)))
                .post("/ingest/v1/event").then().statusCode(200);
        ws.admin().get("/v1/customers?email=" + email.toUpperCase())
                .then().body("items", hasSize(1)).body("items[0].contact_type", is("lead"));

        ws.ingest().body(Map.of("event", "signed_up", "properties", Map.of("userEmail", email, "userId", user)))
                .post("/ingest/v1/event").then().statusCode(200);

        ws.admin().get("/v1/customers/" + user + "/events")
                .then().body("items.name", contains("signed_up", "visited"));
    }

    @Test
    void rejectsAnEventWithTwoSubjects() {
        ws.ingest().body(Map.of("event", "x", "properties", Map.of("userId", "u"), "company", Map.of("id", "c")))
                .post("/ingest/v1/event")
                .then().statusCode(400).body("errors.field", hasItem("/company"));
    }

    @Test
    void readsEpochSecondsMillisecondsAndIsoTimesAndCorrectsClockSkew() {
        String user = unique("u");
        ws.ingest().body(List.of(
                        Map.of("event", "s", "properties", Map.of("userId", user, "time", 1_790_000_000)),
                        Map.of("event", "ms", "properties", Map.of("userId", user, "time", 1_790_000_000_123L)),
                        Map.of("event", "iso", "properties", Map.of("userId", user, "time", "2026-10-01T12:00:00+02:00")),
                        Map.of("event", "skew", "timestamp", "2030-01-01T10:00:00Z", "sentAt", "2030-01-01T11:00:00Z",
                                "properties", Map.of("userId", user))))
                .post("/ingest/v1/event").then().statusCode(200).body("accepted", is(4));

        ws.admin().get("/v1/customers/" + user + "/events")
                .then().statusCode(200)
                .body("items.find { it.name == 's' }.occurred_at", is("2026-09-21T14:13:20Z"))
                .body("items.find { it.name == 'ms' }.occurred_at", is("2026-09-21T14:13:20.123Z"))
                .body("items.find { it.name == 'iso' }.occurred_at", is("2026-10-01T10:00:00Z"));

        // Sent an hour after it happened by a client whose clock is years off: it happened an hour before receipt.
        Map<String, Object> skewed = ws.admin().get("/v1/customers/" + user + "/events?name=skew")
                .then().extract().path("items[0]");
        java.time.Duration beforeReceipt = java.time.Duration.between(
                java.time.Instant.parse((String) skewed.get("occurred_at")), java.time.Instant.parse((String) skewed.get("received_at")));
        org.junit.jupiter.api.Assertions.assertEquals(java.time.Duration.ofHours(1), beforeReceipt);
    }

    @Test
    void rejectsTimesOutOfRange() {
        ws.ingest().body(Map.of("event", "x", "properties", Map.of("userId", "u", "time", "1999-12-31T00:00:00Z")))
                .post("/ingest/v1/event")
                .then().statusCode(400).body("errors[0].field", is("/properties/time"));
    }

    @Test
    void rejectsMalformedJsonWith400() {
        ws.ingest().body("{\"event\": \"x\", ").post("/ingest/v1/event")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("not valid JSON"));
    }

    @Test
    void rejectsNulCharactersInValuesAndKeys() {
        ws.ingest().body("[{\"event\":\"a\\u0000b\",\"properties\":{\"userId\":\"u\"}},"
                        + "{\"event\":\"ok\",\"properties\":{\"userId\":\"u\",\"k\\u0000\":1}}]")
                .post("/ingest/v1/event")
                .then().statusCode(400)
                .body("errors.field", hasItem("/0/event"))
                .body("errors.field", hasItem("/1/properties/k\\u0000"));
    }

    @Test
    void rejectsPropertiesNestedTooDeeply() {
        Object nested = "leaf";
        for (int i = 0; i < 12; i++) {
            nested = Map.of("n", nested);
        }
        ws.ingest().body(Map.of("event", "deep", "properties", Map.of("userId", "u", "customData", nested)))
                .post("/ingest/v1/event")
                .then().statusCode(400).body("errors[0].message", containsString("nested deeper"));
    }

    @Test
    void rejectsAnEventOver32KilobytesButKeepsItsNeighbours() {
        String big = "x".repeat(5000);
        Map<String, Object> props = new java.util.HashMap<>(Map.of("userId", "u"));
        for (int i = 0; i < 7; i++) {
            props.put("k" + i, big);
        }
        ws.ingest().body(List.of(Map.of("event", "big", "properties", props), Map.of("event", "small", "properties", Map.of("userId", "u"))))
                .post("/ingest/v1/event")
                .then().statusCode(200)
                .body("accepted", is(1), "rejected[0].index", is(0), "rejected[0].errors[0].message", containsString("32768"));
    }

    @Test
    void rejectsRequestsAboveTheBodyAndCountLimitsWith413() {
        String padding = "y".repeat(8000);
        List<Map<String, Object>> large = java.util.stream.IntStream.range(0, 70)
                .mapToObj(i -> Map.<String, Object>of("event", "e", "properties", Map.of("userId", "u", "p", padding)))
                .toList();
        ws.ingest().body(large).post("/ingest/v1/event")
                .then().statusCode(413).contentType("application/problem+json");

        List<Map<String, Object>> many = java.util.stream.IntStream.range(0, 2501)
                .mapToObj(i -> Map.<String, Object>of("event", "e"))
                .toList();
        ws.ingest().body(many).post("/ingest/v1/event")
                .then().statusCode(413).body("detail", containsString("2500"));
    }

    @Test
    void rejectsAnEmptyBatchAndUnknownFields() {
        ws.ingest().body("[]").post("/ingest/v1/event").then().statusCode(400);
        ws.ingest().body(Map.of("evnet", "x", "properties", Map.of("userId", "u")))
                .post("/ingest/v1/event")
                .then().statusCode(400).body("errors.field", hasItem("/evnet"));
    }

    @Test
    void ingestMovesTheLatencyOutcomeAndFlushMetrics() {
        Map<String, String> acceptedLabel = Map.of("outcome", "accepted");
        double accepted = Metrics.value("xoal_ingest_events_total", acceptedLabel);
        double duplicates = Metrics.value("xoal_ingest_events_total", Map.of("outcome", "duplicate"));
        double requests = Metrics.value("xoal_ingest_request_duration_seconds_count");
        double flushed = Metrics.value("xoal_ingest_flush_events_sum");
        String id = unique("m");
        List<Map<String, Object>> batch = List.of(
                Map.of("event", "metered", "messageId", id, "properties", Map.of("userId", "u")),
                Map.of("event", "metered", "properties", Map.of("userId", "u")),
                Map.of("event", "metered", "messageId", id, "properties", Map.of("userId", "u")));
        ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200).body("accepted", is(2));

        assertEquals(accepted + 2, Metrics.value("xoal_ingest_events_total", acceptedLabel));
        assertEquals(duplicates + 1, Metrics.value("xoal_ingest_events_total", Map.of("outcome", "duplicate")));
        assertEquals(requests + 1, Metrics.value("xoal_ingest_request_duration_seconds_count"));
        assertEquals(flushed + 3, Metrics.value("xoal_ingest_flush_events_sum"));
        String scrape = get("/q/metrics").then().body(containsString("xoal_ingest_request_duration_seconds{quantile=\"0.99\""))
                .extract().asString();
        List<String> undescribed = scrape.lines()
                .filter(line -> line.startsWith("# HELP xoal_") && (line.split(" ", 4).length < 4 || line.split(" ", 4)[3].isBlank()))
                .toList();
        assertEquals(List.of(), undescribed, "every Xoal metric has HELP text");
        assertTrue(scrape.contains("# HELP xoal_ingest_events Events handed to the writer"), "outcomes are described");
    }

    @Test
    void aNumericUserIdIsTheSameCustomerAsItsText() {
        ws.ingest().body(Map.of("event", "a", "properties", Map.of("userId", 42)))
                .post("/ingest/v1/event").then().statusCode(200);
        ws.admin().get("/v1/customers/42").then().statusCode(200).body("id", equalTo("42"));
    }
}
