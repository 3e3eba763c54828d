package io.xoal.events.ingest.segment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.xoal.events.common.Metrics;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SegmentApiTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    private RequestSpecification basic() {
        return given().auth().preemptive().basic(ws.ingestKey(), "").contentType(ContentType.JSON);
    }

    @Test
    void identifyUpsertsTheCustomersAttributes() {
        String user = unique("u");
        basic().body(Map.of("userId", user, "traits", Map.of("email", "ada@example.com", "firstName", "Ada",
                        "lastName", "Lovelace", "plan", "pro", "createdAt", "2024-05-01T10:00:00Z", "language", "French")))
                .post("/v1/identify").then().statusCode(200).body("accepted", is(1));

        ws.admin().get("/v1/customers/" + user).then().statusCode(200)
                .body("email", is("ada@example.com"))
                .body("first_name", is("Ada"))
                .body("last_name", is("Lovelace"))
                .body("language", is("French"))
                .body("joined_date", is("2024-05-01T10:00:00Z"))
                .body("attributes.plan", is("pro"))
                .body("contact_type", is("user"));
        // An identify is a profile change, not an event.
        ws.admin().get("/v1/customers/" + user + "/events").then().body("items", hasSize(0));
    }

    @Test
    void trackStoresAnEventWithPropertiesContextAndSkewCorrectedTime() {
        String user = unique("u");
        Instant now = Instant.now();
        // The client's clock runs 1 hour fast: it says the event happened 5 minutes before it sent it.
        Instant clientSent = now.plus(Duration.ofHours(1));
        basic().body(Map.of("type", "track", "userId", user, "event", "Order Completed",
                        "properties", Map.of("revenue", 42.5), "context", Map.of("ip", "203.0.113.9"),
                        "originalTimestamp", clientSent.minus(Duration.ofMinutes(5)).toString(),
                        "sentAt", clientSent.toString()))
                .post("/v1/t").then().statusCode(200).body("accepted", is(1));

        String occurred = ws.admin().get("/v1/customers/" + user + "/events").then().statusCode(200)
                .body("items[0].name", is("Order Completed"))
                .body("items[0].properties.revenue", is(42.5f))
                .body("items[0].properties.context.ip", is("203.0.113.9"))
                .body("items[0].source", is("segment"))
                .extract().path("items[0].occurred_at");
        Duration before = Duration.between(Instant.parse(occurred), now);
        assertTrue(before.compareTo(Duration.ofMinutes(4)) > 0 && before.compareTo(Duration.ofMinutes(6)) < 0,
                "event time corrected to about 5 minutes before receipt, was " + before);
    }

    @Test
    void batchMergesItsContextIntoPagesAndScreens() {
        String user = unique("u");
        Map<String, Object> body = Map.of(
                "batch", List.of(
                        Map.of("type", "page", "userId", user, "name", "Pricing", "properties", Map.of("path", "/pricing")),
                        Map.of("type", "screen", "userId", user, "name", "Home", "context", Map.of("app", Map.of("version", "2")))),
                "context", Map.of("library", Map.of("name", "analytics-node")));
        basic().body(body).post("/v1/batch").then().statusCode(200).body("accepted", is(2));

        ws.admin().get("/v1/customers/" + user + "/events").then().statusCode(200)
                .body("items.name", hasItem("page_viewed"))
                .body("items.find { it.name == 'page_viewed' }.properties.name", is("Pricing"))
                .body("items.find { it.name == 'page_viewed' }.properties.path", is("/pricing"))
                .body("items.find { it.name == 'page_viewed' }.properties.context.library.name", is("analytics-node"))
                .body("items.find { it.name == 'screen_viewed' }.properties.context.app.version", is("2"))
                .body("items.find { it.name == 'screen_viewed' }.properties.context.library.name", is("analytics-node"));
    }

    @Test
    void identifyJoinsAnonymousHistoryToTheKnownCustomer() {
        String anonymous = unique("anon");
        String user = unique("u");
        basic().body(Map.of("anonymousId", anonymous, "event", "Viewed Pricing")).post("/v1/track").then().statusCode(200);
        basic().body(Map.of("anonymousId", anonymous, "event", "Started Trial")).post("/v1/track").then().statusCode(200);
        basic().body(Map.of("userId", user, "anonymousId", anonymous, "traits", Map.of("plan", "trial")))
                .post("/v1/identify").then().statusCode(200);
        // Later anonymous events of that device belong to the customer too.
        basic().body(Map.of("anonymousId", anonymous, "event", "Opened App")).post("/v1/track").then().statusCode(200);

        ws.admin().get("/v1/customers/" + user + "/events").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.name", hasItem("Viewed Pricing"));
        ws.admin().get("/v1/customers/" + user).then().body("attributes.plan", is("trial"));
    }

    @Test
    void anonymousIdAloneMakesAnUnidentifiedContact() {
        String anonymous = unique("anon");
        basic().body(Map.of("anonymousId", anonymous, "traits", Map.of("utm_source", "ads"))).post("/v1/identify")
                .then().statusCode(200);
        ws.admin().get("/v1/customers?attribute=utm_source:ads").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].contact_type", is("unidentified"));
    }

    @Test
    void aliasMergesThePreviousIdentityIntoTheUser() {
        String old = unique("old");
        String user = unique("u");
        basic().body(Map.of("userId", old, "event", "Signed Up")).post("/v1/track").then().statusCode(200);
        basic().body(Map.of("userId", old, "traits", Map.of("seats", 3))).post("/v1/identify").then().statusCode(200);
        basic().body(Map.of("userId", user, "previousId", old)).post("/v1/alias").then().statusCode(200);

        ws.admin().get("/v1/customers/" + user + "/events").then().body("items.name", hasItem("Signed Up"));
        ws.admin().get("/v1/customers/" + user).then().body("attributes.seats", is(3));
        ws.admin().get("/v1/customers/" + old).then().statusCode(404);
    }

    @Test
    void groupRelatesTheCustomerToTheCompanyWithItsTraits() {
        String user = unique("u");
        String company = unique("acme");
        basic().body(Map.of("userId", user, "groupId", company, "traits", Map.of("name", "Acme Inc", "employees", 40)))
                .post("/v1/g").then().statusCode(200);

        ws.admin().get("/v1/companies/" + company).then().statusCode(200)
                .body("name", is("Acme Inc"))
                .body("attributes.employees", is(40));
        ws.admin().get("/v1/companies/" + company + "/customers").then().statusCode(200)
                .body("items.id", hasItem(user));
        ws.admin().get("/v1/customers/" + user + "/relationships").then().statusCode(200)
                .body("companies.id", hasItem(company))
                .body("companies.find { it.id == '" + company + "' }.name", is("Acme Inc"));
    }

    @Test
    void aReplayedMessageIdIsStoredOnce() {
        Map<String, Object> track = Map.of("userId", unique("u"), "event", "Paid", "messageId", unique("m"));
        basic().body(track).post("/v1/track").then().statusCode(200).body("accepted", is(1));
        basic().body(track).post("/v1/track").then().statusCode(200).body("accepted", is(0)).body("duplicates", is(1));
    }

    @Test
    void gzipTextPlainAndWriteKeyInTheBodyWork() throws IOException {
        String user = unique("u");
        String body = "{\"batch\":[{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"Zipped\"}],"
                + "\"writeKey\":\"" + ws.ingestKey() + "\"}";
        // analytics-java: /v1/import/ with a trailing slash, no Authorization header, gzip.
        given().header("Content-Encoding", "gzip").contentType("application/json").body(gzip(body))
                .post("/v1/import/").then().statusCode(200).body("accepted", is(1));
        // Browsers: text/plain (no preflight), key in the body.
        given().contentType("text/plain").body(body.replace("Zipped", "Plain"))
                .post("/v1/b").then().statusCode(200).body("accepted", is(1));

        ws.admin().get("/v1/customers/" + user + "/events").then().body("items", hasSize(2));
    }

    @Test
    void aBadOrMissingKeyIs401() {
        Map<String, Object> track = Map.of("userId", "u", "event", "x");
        given().auth().preemptive().basic("ing_notakey00000000000000000000000000", "").contentType(ContentType.JSON)
                .body(track).post("/v1/track").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(track).post("/v1/track").then().statusCode(401)
                .body("detail", containsString("writeKey"));
        given().contentType(ContentType.JSON).body(Map.of("batch", List.of(track), "writeKey", ws.adminKey()))
                .post("/v1/batch").then().statusCode(403);
    }

    @Test
    void badJsonAndOversizedBodiesAre400AsInSegment() {
        basic().body("{\"batch\": [").post("/v1/batch").then().statusCode(400).contentType("application/problem+json");
        String big = "x".repeat(600_000);
        basic().body(Map.of("batch", List.of(Map.of("userId", "u", "event", "x", "properties", Map.of("p", big)))))
                .post("/v1/batch").then().statusCode(400).body("detail", containsString("limit"));
    }

    @Test
    void rejectedItemsAreRepliedCountedAndListed() {
        double counted = Metrics.value("xoal_ingest_rejected_total", Map.of("source", "segment"));
        String user = unique("u");
        Map<String, Object> body = Map.of("batch", List.of(
                Map.of("type", "track", "userId", user, "event", "Kept"),
                Map.of("type", "track", "userId", user),
                Map.of("type", "track", "userId", user, "event", "Huge", "properties", Map.of("p", "y".repeat(40_000)))));
        basic().body(body).post("/v1/batch").then().statusCode(200)
                .body("accepted", is(1))
                .body("rejected", hasSize(2))
                .body("rejected[0].index", is(1))
                .body("rejected[0].errors[0].field", is("/event"));

        ws.admin().get("/v1/events/rejected").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.source", hasItem("segment"))
                .body("items.find { it.index == 1 }.errors[0].field", is("/event"))
                .body("items.find { it.index == 2 }.payload.length()", lessThan(5000));
        assertEquals(counted + 2, Metrics.value("xoal_ingest_rejected_total", Map.of("source", "segment")),
                "both rejections are counted");
    }

    @Test
    void browsersMayCallFromAnyOriginAndLoadSettings() {
        given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .options("/v1/batch").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", containsString("Content-Type"));
        given().get("/v1/projects/" + ws.ingestKey() + "/settings").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .body("integrations.'Segment.io'.apiKey", is(ws.ingestKey()))
                .body("integrations.'Segment.io'.apiHost", containsString("/v1"));
        given().get("/v1/projects/ing_unknown/settings").then().statusCode(404);
        // The admin API is not opened to browsers.
        given().header("Origin", "https://shop.example").options("/v1/keys").then()
                .header("Access-Control-Allow-Origin", (String) null);
    }

    @Test
    void sourceEndpointsTakeSegmentWebhookBatches() {
        String user = unique("u");
        for (String source : List.of("segment", "rudderstack", "hightouch", "jitsu")) {
            ws.ingest().body(List.of(Map.of("type", "track", "userId", user, "event", "From " + source)))
                    .post("/ingest/v1/" + source + "/event").then().statusCode(200).body("accepted", is(1));
        }
        ws.admin().get("/v1/customers/" + user + "/events").then()
                .body("items", hasSize(4))
                .body("items.source", hasItem("rudderstack"))
                .body("items.find { it.source == 'jitsu' }.name", is("From jitsu"));
        ws.ingest().body(Map.of("type", "nonsense", "userId", user)).post("/ingest/v1/segment/event").then()
                .statusCode(400).body("errors[0].field", is("/type"));
        given().contentType(ContentType.JSON).body(Map.of("userId", user, "event", "x"))
                .post("/ingest/v1/rudderstack/event").then().statusCode(401);
        ws.admin().get("/v1/events?limit=10").then().body("items.size()", greaterThan(3))
                .body("items[0].received_at", notNullValue());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
