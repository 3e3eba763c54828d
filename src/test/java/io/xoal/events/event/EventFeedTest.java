package io.xoal.events.event;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class EventFeedTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void feedIsNewestFirstCappedAt1000AndPagesByCursor() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            batch.add(Map.of("event", "e" + i, "properties", Map.of("userId", "u" + (i % 7))));
        }
        ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200).body("accepted", is(1100));

        ws.admin().get("/v1/events?limit=5000").then().statusCode(200)
                .body("items", hasSize(1000))
                .body("items[0].name", is("e1099"))
                .body("items[999].name", is("e100"))
                .body("next_cursor", notNullValue());
        String cursor = ws.admin().get("/v1/events?limit=1000").then().extract().path("next_cursor");
        ws.admin().get("/v1/events?limit=1000&cursor=" + cursor).then()
                .body("items", hasSize(100)).body("items[0].name", is("e99")).body("next_cursor", nullValue());
        ws.admin().get("/v1/events").then().body("items", hasSize(100));
    }

    @Test
    void filtersByNameSubjectAndTimeRange() {
        String user = unique("u");
        ws.ingest().body(List.of(
                        Map.of("event", "login", "properties", Map.of("userId", user, "time", "2026-03-01T00:00:00Z")),
                        Map.of("event", "login", "properties", Map.of("userId", "other", "time", "2026-03-02T00:00:00Z")),
                        Map.of("event", "purchase", "properties", Map.of("userId", user, "time", "2026-04-01T00:00:00Z")),
                        Map.of("event", "login", "company", Map.of("id", "acme"), "properties", Map.of("time", "2026-05-01T00:00:00Z"))))
                .post("/ingest/v1/event").then().statusCode(200).body("accepted", is(4));

        ws.admin().get("/v1/events?name=login").then().body("items", hasSize(3)).body("items.name", everyItem(is("login")));
        ws.admin().get("/v1/events?subject_type=customer&subject_id=" + user).then().body("items.name", contains("purchase", "login"));
        ws.admin().get("/v1/events?subject_type=company&subject_id=acme").then().body("items", hasSize(1));
        ws.admin().get("/v1/events?from=2026-03-02T00:00:00Z&to=2026-04-30T00:00:00Z")
                .then().body("items.name", contains("purchase", "login"));
        ws.admin().get("/v1/customers/" + user + "/events?name=login").then().body("items", hasSize(1));
        ws.admin().get("/v1/events?from=yesterday").then().statusCode(400).body("errors[0].field", is("/from"));
        ws.admin().get("/v1/events?subject_type=planet&subject_id=x").then().statusCode(400);
        ws.admin().get("/v1/events?cursor=abc").then().statusCode(400).body("errors[0].field", is("/cursor"));
    }

    @Test
    void aSubjectsTimelineOf404WhenTheSubjectIsUnknown() {
        ws.admin().get("/v1/customers/nobody/events").then().statusCode(404);
        ws.admin().get("/v1/companies/nobody/events").then().statusCode(404);
        ws.admin().get("/v1/objects/course/nobody/events").then().statusCode(404);
    }
}
