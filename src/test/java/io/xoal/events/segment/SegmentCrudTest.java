package io.xoal.events.segment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting a segment (its members and ledger go, nothing else) and listing segments (newest first, clamped limit, cursor). */
@QuarkusTest
class SegmentCrudTest {

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    private long segment(String name, String status) {
        return ws.admin().body(Map.of("name", name, "status", status,
                        "definition", Map.of("performed", Map.of("event", "purchase"))))
                .post("/v1/segments").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long rows(String table, long segment) {
        return TestDatabase.number("SELECT count(*) FROM " + table + " WHERE segment_id = ?", segment);
    }

    @Test
    void deletingASegmentRemovesItsMembersAndLedgerAndNothingElse() {
        for (int i = 0; i < 2; i++) {
            ws.ingest().body(Map.of("event", "purchase", "properties", Map.of("userId", unique("buyer")))).post("/ingest/v1/event")
                    .then().statusCode(200);
        }
        long doomed = segment("doomed", "active");
        long kept = segment("kept", "active");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rows("segment_members", doomed) == 2 && rows("segment_members", kept) == 2);
        String customer = ws.admin().get("/v1/segments/" + kept + "/members").then().extract().jsonPath().getString("items[0].id");
        List<Long> keptBefore = List.of(rows("segment_members", kept), rows("segment_transitions", kept), rows("segment_size_hourly", kept));

        ws.admin().delete("/v1/segments/" + doomed).then().statusCode(204);

        for (String tail : List.of("", "/members", "/members/count", "/members/" + customer, "/transitions")) {
            ws.admin().get("/v1/segments/" + doomed + tail).then().statusCode(404).contentType("application/problem+json");
        }
        ws.admin().delete("/v1/segments/" + doomed).then().statusCode(404);
        assertEquals(List.of(0L, 0L, 0L), List.of(rows("segment_members", doomed), rows("segment_transitions", doomed),
                rows("segment_size_hourly", doomed)));
        assertEquals(keptBefore, List.of(rows("segment_members", kept), rows("segment_transitions", kept), rows("segment_size_hourly", kept)));
        ws.admin().get("/v1/segments/" + kept + "/members/" + customer).then().statusCode(200).body("member", is(true));
        ws.admin().get("/v1/segments").then().body("items.id", contains((int) kept));
        // Another workspace cannot delete it.
        TestWorkspace.create().admin().delete("/v1/segments/" + kept).then().statusCode(404);
        ws.admin().get("/v1/segments/" + kept).then().statusCode(200).body("members", is(2));
    }

    @Test
    void theListPagesNewestFirstWithAClampedLimitAndACursor() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, (int) segment("s" + i, "paused"));
        }
        TestWorkspace.create().admin().body(Map.of("name", "elsewhere", "status", "paused",
                "definition", Map.of("performed", Map.of("event", "purchase")))).post("/v1/segments").then().statusCode(201);

        List<Integer> seen = new ArrayList<>();
        String cursor = "";
        for (int pages = 0; cursor != null; pages++) {
            assertTrue(pages < 3, "three pages of two");
            JsonPath page = ws.admin().get("/v1/segments?limit=2&cursor=" + cursor).then().statusCode(200)
                    .body("items.size()", is(pages < 2 ? 2 : 1)).extract().jsonPath();
            seen.addAll(page.getList("items.id", Integer.class));
            cursor = page.getString("next_cursor");
        }
        assertEquals(ids, seen, "newest first, each once, this workspace's only");

        ws.admin().get("/v1/segments?limit=0").then().statusCode(200).body("items", hasSize(1)).body("items[0].id", is(ids.get(0)));
        ws.admin().get("/v1/segments?limit=-3").then().statusCode(200).body("items", hasSize(1));
        ws.admin().get("/v1/segments?limit=100000").then().statusCode(200).body("items", hasSize(5)).body("next_cursor", nullValue());
        // 250 more (as the table holds them): the default page is 50, the largest 200.
        TestDatabase.number("""
                WITH x AS (INSERT INTO segments (workspace_id, name, definition, status, version, created_at, updated_at, event_names,
                                                 reads_profile, depends_on, time_relative, refresh_state)
                  SELECT ?, 'bulk ' || g, '{"performed": {"event": "purchase"}}', 'paused', 1, now(), now(), '{purchase}', false, '{}',
                         false, 'done' FROM generate_series(1, 250) g RETURNING 1)
                SELECT count(*) FROM x""", ws.id());
        ws.admin().get("/v1/segments").then().statusCode(200).body("items", hasSize(50));
        ws.admin().get("/v1/segments?limit=100000").then().statusCode(200).body("items", hasSize(200))
                .body("next_cursor", org.hamcrest.Matchers.notNullValue());
        ws.admin().get("/v1/segments?cursor=abc").then().statusCode(400).body("errors[0].field", is("/cursor"));
        ws.admin().get("/v1/segments?limit=many").then().statusCode(400);
    }
}
