package io.xoal.events.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits that hold for what is stored, whatever the dialect maps; and no input ever earns a 500. */
@QuarkusTest
class InputBoundsTest {

    private static final String STRIPE_SECRET = "whsec_bounds0123456789abcdefghij";

    @Inject
    TestClock clock;

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void aBatchContextMergedIntoEveryMessageIsBoundedPerStoredEvent() {
        String user = unique("u");
        // Within the limit alone, over it once merged with this message's own properties.
        Map<String, Object> moderate = Map.of(
                "context", Map.of("page", Map.of("blob", "x".repeat(8000), "blob2", "y".repeat(8000))),
                "batch", List.of(
                        Map.of("type", "track", "userId", user, "event", "small"),
                        Map.of("type", "track", "userId", user, "event", "big", "properties", properties(3, 8000))));
        segment().body(moderate).post("/v1/batch").then().statusCode(200)
                .body("accepted", is(1))
                .body("rejected[0].index", is(1))
                .body("rejected[0].errors[0].field", is("/context"));

        // The worst case: a batch context of ~450 KB merged into a thousand small messages.
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            messages.add(Map.of("type", "track", "userId", user, "event", "e"));
        }
        Map<String, Object> worst = Map.of("context", properties(50, 8000), "batch", messages);
        segment().body(worst).post("/v1/batch").then().statusCode(400)
                .body("errors.size()", is(1000))
                .body("errors.field", everyItem(containsString("/context")));

        long largest = TestDatabase.number(
                "SELECT coalesce(max(octet_length(properties::text)), 0) FROM events WHERE workspace_id = ?", ws.id());
        assertTrue(largest <= 32768, "a stored event is " + largest + " bytes");
        assertEquals(1, TestDatabase.number("SELECT count(*) FROM events WHERE workspace_id = ?", ws.id()));
    }

    @Test
    void aLargeSignedStripeDeliveryIsBoundedAsADeliveryNotAsAnEvent() {
        String path = ws.admin().body(Map.of("signing_secret", STRIPE_SECRET)).put("/v1/integrations/stripe")
                .then().statusCode(200).extract().path("webhook_path");
        String email = unique("big") + "@example.com";
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            lines.append(i == 0 ? "" : ",").append("""
                    {"id": "il_%d", "object": "line_item", "amount": 100, "currency": "usd", "description": "%s"}"""
                    .formatted(i, "seat ".repeat(30)));
        }
        String invoice = """
                {"id": "%s", "object": "event", "type": "invoice.paid", "created": 1760000000, "data": {"object": {
                 "id": "in_big", "object": "invoice", "amount_paid": 60000, "currency": "usd", "customer": "cus_big",
                 "customer_email": "%s", "lines": {"object": "list", "data": [%s]}}}}"""
                .formatted(unique("evt"), email, lines);
        assertTrue(invoice.length() > 100_000);
        stripe(path, invoice).then().statusCode(200).body("accepted", is(1));
        ws.admin().get("/v1/customers/" + email + "/events?id_type=email").then().statusCode(200)
                .body("items[0].name", is("payment_made"));

        String tooLarge = invoice.replace("seat ", "seats ".repeat(4));
        assertTrue(tooLarge.length() > 262_144);
        stripe(path, tooLarge).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void numbersBeyondWhatCanBeStoredAre400NamingTheField() {
        String user = unique("u");
        String digits = "9".repeat(1200);
        List<String> bodies = List.of(
                "{\"event\":\"e\",\"properties\":{\"userId\":\"" + user + "\",\"n\":" + digits + "}}",
                "{\"event\":\"e\",\"properties\":{\"userId\":\"" + user + "\",\"n\":1e999999999}}",
                "{\"event\":\"e\",\"properties\":{\"userId\":\"" + user + "\",\"n\":-1." + digits + "}}");
        for (String body : bodies) {
            ws.ingest().body(body).post("/ingest/v1/event").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("/properties/n"));
        }
        ws.ingest().body("{\"event\":\"e\",\"properties\":{\"userId\":\"" + user + "\",\"n\":NaN}}")
                .post("/ingest/v1/event").then().statusCode(400).contentType("application/problem+json");
        String nested = "[".repeat(1500) + "]".repeat(1500);
        ws.ingest().body("{\"event\":\"e\",\"properties\":{\"userId\":\"" + user + "\",\"n\":" + nested + "}}")
                .post("/ingest/v1/event").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void timesBeyondWhatCanBeStoredAre400NamingTheField() {
        String user = unique("u");
        ws.ingest().body(Map.of("event", "e", "timestamp", "+999999999-12-31T23:59:59Z", "sentAt", "2026-01-01T00:00:00Z",
                        "properties", Map.of("userId", user)))
                .post("/ingest/v1/event").then().statusCode(400).body("errors.field", hasItem("/timestamp"));
        ws.ingest().body(Map.of("event", "e", "timestamp", "2026-01-01T00:00:00Z", "sentAt", "-999999999-01-01T00:00:00Z",
                        "properties", Map.of("userId", user)))
                .post("/ingest/v1/event").then().statusCode(400).body("errors.field", hasItem("/sentAt"));
        ws.ingest().body("{\"event\":\"e\",\"timestamp\":1e300,\"properties\":{\"userId\":\"" + user + "\"}}")
                .post("/ingest/v1/event").then().statusCode(400).body("errors.field", hasItem("/timestamp"));
    }

    @Test
    void webhookSignatureTimestampsBeyondWhatCanBeTimesAre400NamingTheHeader() {
        String path = ws.admin().body(Map.of("signing_secret", STRIPE_SECRET)).put("/v1/integrations/stripe")
                .then().statusCode(200).extract().path("webhook_path");
        String body = "{\"id\": \"evt_1\", \"type\": \"customer.created\", \"data\": {\"object\": {}}}";
        for (String t : List.of("9223372036854775807", "-9223372036854775808", "-1", "99999999999999999999", "1e3")) {
            given().header("Stripe-Signature", "t=" + t + ",v1=00").contentType(ContentType.JSON).body(body).post(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", is("/headers/Stripe-Signature"));
        }
        long now = clock.instant().getEpochSecond();
        for (String created : List.of("9223372036854775807", "-9223372036854775808", "99999999999")) {
            String payment = """
                    {"id": "%s", "type": "payment_intent.succeeded", "created": %s, "data": {"object": {"id": "%s",
                     "object": "payment_intent", "amount_received": 100, "currency": "usd",
                     "receipt_email": "%s"}}}""".formatted(unique("evt"), created, unique("pi"), unique("p") + "@example.com");
            given().header("Stripe-Signature", sign(now, payment)).contentType(ContentType.JSON).body(payment).post(path)
                    .then().statusCode(400).body("errors[0].field", is("/created"));
        }
    }

    private RequestSpecification segment() {
        return given().auth().preemptive().basic(ws.ingestKey(), "").contentType(ContentType.JSON);
    }

    private io.restassured.response.Response stripe(String path, String body) {
        return given().header("Stripe-Signature", sign(clock.instant().getEpochSecond(), body))
                .contentType("application/json; charset=utf-8").body(body).post(path);
    }

    private static Map<String, Object> properties(int keys, int length) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keys; i++) {
            out.put("k" + i, String.valueOf((char) ('a' + i % 26)).repeat(length));
        }
        return out;
    }

    private static String sign(long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
