package io.xoal.events.segment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * Every condition type and operator, and/or/not nesting, validation errors with JSON paths, and
 * hostile strings — through the preview endpoint, on a small known population.
 */
@QuarkusTest
class SegmentDefinitionTest {

    private TestWorkspace ws;

    @BeforeEach
    void population() {
        ws = TestWorkspace.create();
        customer("ann", Map.of("email", "ann@example.com", "first_name", "Ann", "joined_date", ago(40),
                "attributes", Map.of("plan", "pro", "seats", 12, "trial", false, "renewal", "2027-01-15T00:00:00Z"), "tags", List.of("VIP")));
        customer("bob", Map.of("email", "bob@shop.example", "joined_date", ago(3),
                "attributes", Map.of("plan", "free", "seats", 1, "trial", true)));
        customer("cid", Map.of("attributes", Map.of("plan", "team", "seats", 5)));
        Instant now = Instant.now();
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event("ann", "purchase", Map.of("amount", 120, "sku", "A-1", "gift", true), now.minus(2, ChronoUnit.DAYS)));
        events.add(event("ann", "purchase", Map.of("amount", 15, "sku", "B-2"), now.minus(20, ChronoUnit.DAYS)));
        events.add(event("ann", "purchase", Map.of("amount", 300, "sku", "C-3"), now.minus(60, ChronoUnit.DAYS)));
        events.add(event("bob", "purchase", Map.of("amount", 40, "sku", "A-1"), now.minus(1, ChronoUnit.HOURS)));
        events.add(event("cid", "login", Map.of(), now.minus(10, ChronoUnit.MINUTES)));
        ws.ingest().body(events).post("/ingest/v1/event").then().statusCode(200).body("accepted", is(5));
    }

    private void customer(String id, Map<String, Object> body) {
        ws.admin().body(body).put("/v1/customers/" + id).then().statusCode(201);
    }

    private static Map<String, Object> event(String user, String name, Map<String, Object> data, Instant at) {
        return Map.of("event", name, "timestamp", at.toString(), "properties", Map.of("userId", user, "customData", data));
    }

    private static String ago(int days) {
        return Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private ValidatableResponse preview(Object definition) {
        return ws.admin().body(Map.of("definition", definition)).post("/v1/segments/preview").then();
    }

    private void matches(Object definition, String... ids) {
        preview(definition).statusCode(200)
                .body("count", is(ids.length))
                .body("sample.id", containsInAnyOrder((Object[]) ids));
    }

    private static Map<String, Object> attr(String name, String type, String op, Object value) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "op", op));
        if (type != null) {
            body.put("type", type);
        }
        if (value != null) {
            body.put("value", value);
        }
        return Map.of("attribute", body);
    }

    private static Map<String, Object> performed(Map<String, Object> body) {
        return Map.of("performed", body);
    }

    @Test
    void stringNumberBooleanAndDateAttributeOperators() {
        matches(attr("plan", "string", "eq", "pro"), "ann");
        matches(attr("plan", "string", "neq", "pro"), "bob", "cid");
        matches(attr("email", null, "contains", "@shop."), "bob");
        matches(attr("plan", "string", "in", List.of("free", "team")), "bob", "cid");
        matches(attr("email", null, "exists", null), "ann", "bob");
        matches(attr("email", null, "not_exists", null), "cid");
        matches(attr("seats", "number", "gt", 5), "ann");
        matches(attr("seats", "number", "gte", 5), "ann", "cid");
        matches(attr("seats", "number", "lt", 5), "bob");
        matches(attr("seats", "number", "lte", 5), "bob", "cid");
        matches(attr("seats", "number", "in", List.of(1, 12)), "ann", "bob");
        matches(attr("trial", "boolean", "eq", true), "bob");
        matches(attr("trial", "boolean", "neq", true), "ann", "cid");
        matches(attr("renewal", "date", "gt", "2026-12-31T00:00:00Z"), "ann");
        matches(attr("joined_date", null, "more_than_ago", Map.of("days", 7)), "ann");
        matches(attr("joined_date", null, "less_than_ago", Map.of("days", 7)), "bob");
        matches(attr("joined_date", null, "lt", Instant.now().minus(30, ChronoUnit.DAYS).toString()), "ann");
        matches(attr("first_name", null, "eq", "Ann"), "ann");
    }

    @Test
    void performedCountsWindowsAndTypedPropertyFilters() {
        matches(performed(Map.of("event", "purchase")), "ann", "bob");
        matches(performed(Map.of("event", "purchase", "window", Map.of("days", 30))), "ann", "bob");
        matches(performed(Map.of("event", "purchase", "window", Map.of("hours", 3))), "bob");
        matches(performed(Map.of("event", "login", "window", Map.of("minutes", 30))), "cid");
        matches(performed(Map.of("event", "purchase", "count", Map.of("op", "at_least", "value", 2),
                "window", Map.of("days", 30))), "ann");
        matches(performed(Map.of("event", "purchase", "count", Map.of("op", "exactly", "value", 3))), "ann");
        matches(performed(Map.of("event", "purchase", "count", Map.of("op", "at_most", "value", 1), "window", "ever")), "bob", "cid");
        matches(performed(Map.of("event", "purchase", "window", Map.of(
                "from", Instant.now().minus(70, ChronoUnit.DAYS).toString(),
                "to", Instant.now().minus(50, ChronoUnit.DAYS).toString()))), "ann");
        matches(performed(Map.of("event", "purchase", "where", List.of(
                Map.of("property", "amount", "type", "number", "op", "gte", "value", 100)))), "ann");
        matches(performed(Map.of("event", "purchase", "where", List.of(
                Map.of("property", "sku", "type", "string", "op", "eq", "value", "A-1"),
                Map.of("property", "gift", "type", "boolean", "op", "neq", "value", true)))), "bob");
        matches(performed(Map.of("event", "purchase", "where", List.of(
                Map.of("property", "amount", "type", "number", "op", "lt", "value", 100)),
                "count", Map.of("op", "at_least", "value", 1), "window", Map.of("days", 30))), "ann", "bob");
    }

    @Test
    void windowEdgesAreExactToTheSecondNotToTheDay() {
        Instant start = Instant.now().minus(30, ChronoUnit.DAYS);
        // dan: one purchase just inside the 30-day window, one just outside, on the same day.
        // eve: one purchase an hour ago and one dated two hours ahead (not yet in "the last 30 days").
        ws.ingest().body(List.of(
                event("dan", "refund", Map.of(), start.plus(2, ChronoUnit.MINUTES)),
                event("dan", "refund", Map.of(), start.minus(2, ChronoUnit.MINUTES)),
                event("eve", "refund", Map.of(), Instant.now().minus(1, ChronoUnit.HOURS)),
                event("eve", "refund", Map.of(), Instant.now().plus(2, ChronoUnit.HOURS)))).post("/ingest/v1/event")
                .then().statusCode(200).body("accepted", is(4));
        Map<String, Object> once = Map.of("event", "refund", "count", Map.of("op", "exactly", "value", 1), "window", Map.of("days", 30));
        matches(performed(once), "dan", "eve");
        matches(performed(Map.of("event", "refund", "count", Map.of("op", "exactly", "value", 2), "window", "ever")), "dan", "eve");
    }

    @Test
    void tagsSegmentsAndNesting() {
        matches(Map.of("tag", Map.of("has", "VIP")), "ann");
        matches(Map.of("tag", Map.of("has_not", "VIP")), "bob", "cid");
        matches(Map.of("and", List.of(attr("seats", "number", "gte", 1),
                Map.of("or", List.of(Map.of("tag", Map.of("has", "VIP")), attr("trial", "boolean", "eq", true))))), "ann", "bob");
        matches(Map.of("not", Map.of("or", List.of(Map.of("tag", Map.of("has", "VIP")), attr("plan", "string", "eq", "free")))), "cid");
        matches(Map.of("not", Map.of("and", List.of(attr("plan", "string", "exists", null),
                Map.of("not", attr("seats", "number", "gt", 4))))), "ann", "cid");

        long pro = ws.admin().body(Map.of("name", "pro", "definition", attr("plan", "string", "eq", "pro")))
                .post("/v1/segments").then().statusCode(201).extract().jsonPath().getLong("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                ws.admin().get("/v1/segments/" + pro).then().extract().path("refresh.state").equals("done"));
        matches(Map.of("in_segment", Map.of("id", pro)), "ann");
        matches(Map.of("not", Map.of("in_segment", Map.of("id", pro))), "bob", "cid");
    }

    @Test
    void invalidDefinitionsAre400NamingTheJsonPath() {
        preview(Map.of("and", List.of())).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("/definition/and"));
        preview(attr("plan", "string", "gt", "x")).statusCode(400).body("errors[0].field", is("/definition/attribute/op"));
        preview(attr("seats", "number", "eq", "twelve")).statusCode(400).body("errors[0].field", is("/definition/attribute/value"));
        preview(attr("plan", null, "eq", "x")).statusCode(400).body("errors[0].field", is("/definition/attribute/type"));
        preview(attr("joined_date", "string", "eq", "x")).statusCode(400).body("errors.field", hasItem("/definition/attribute/type"));
        preview(performed(Map.of("event", "purchase", "window", Map.of("days", 0)))).statusCode(400)
                .body("errors[0].field", is("/definition/performed/window/days"));
        preview(performed(Map.of("event", "purchase", "count", Map.of("op", "around", "value", 2)))).statusCode(400)
                .body("errors[0].field", is("/definition/performed/count/op"));
        preview(performed(Map.of("event", "purchase", "where", List.of(Map.of("property", "amount", "type", "money", "op", "eq", "value", 1)))))
                .statusCode(400).body("errors[0].field", is("/definition/performed/where/0/type"));
        preview(Map.of("tag", Map.of("is", "VIP"))).statusCode(400).body("errors[0].field", is("/definition/tag"));
        preview(Map.of("in_segment", Map.of("id", 987654321))).statusCode(400).body("errors[0].field", is("/definition/in_segment/id"));
        preview(Map.of("segment", Map.of())).statusCode(400).body("errors[0].field", is("/definition"));
        Object deep = attr("plan", "string", "eq", "pro");
        for (int i = 0; i < 9; i++) {
            deep = Map.of("not", deep);
        }
        preview(deep).statusCode(400).body("errors[0].message", containsString("deeper"));
        ws.admin().body(Map.of("name", "bad", "definition", Map.of("or", List.of(Map.of("and", List.of())))))
                .post("/v1/segments").then().statusCode(400).body("errors[0].field", is("/definition/or/0/and"));
    }

    @Test
    void inSegmentCyclesAreRejected() {
        long a = ws.admin().body(Map.of("name", "a", "definition", attr("plan", "string", "eq", "pro")))
                .post("/v1/segments").then().statusCode(201).extract().jsonPath().getLong("id");
        long b = ws.admin().body(Map.of("name", "b", "definition", Map.of("in_segment", Map.of("id", a))))
                .post("/v1/segments").then().statusCode(201).extract().jsonPath().getLong("id");
        ws.admin().body(Map.of("name", "a", "definition", Map.of("and", List.of(attr("plan", "string", "eq", "pro"),
                        Map.of("in_segment", Map.of("id", b))))))
                .put("/v1/segments/" + a).then().statusCode(400)
                .body("errors[0].field", is("/definition/and/1/in_segment/id"))
                .body("errors[0].message", containsString("cycle"));
        ws.admin().body(Map.of("name", "a", "definition", Map.of("in_segment", Map.of("id", a))))
                .put("/v1/segments/" + a).then().statusCode(400).body("errors[0].message", containsString("cycle"));
        ws.admin().body(Map.of("name", "a", "definition", attr("plan", "string", "eq", "x")))
                .post("/v1/segments").then().statusCode(409);
    }

    @Test
    void hostileNamesAndKeysAreOnlyBindParameters() {
        String hostile = "x'); DROP TABLE events; --";
        ws.ingest().body(Map.of("event", hostile, "properties", Map.of("userId", "ann", "customData",
                Map.of("k\"ey'; DELETE FROM customers; --", "v'v")))).post("/ingest/v1/event").then().statusCode(200);
        matches(performed(Map.of("event", hostile, "where", List.of(Map.of("property", "k\"ey'; DELETE FROM customers; --",
                "type", "string", "op", "eq", "value", "v'v")))), "ann");
        matches(attr("pl'an\"); DROP TABLE segments; --", "string", "not_exists", null), "ann", "bob", "cid");
        matches(Map.of("tag", Map.of("has", "'; TRUNCATE customers; --")));
        ws.admin().get("/v1/customers/bob").then().statusCode(200);
        ws.admin().get("/v1/customers/ann/events").then().statusCode(200).body("items.name", hasItem(hostile));
    }
}
