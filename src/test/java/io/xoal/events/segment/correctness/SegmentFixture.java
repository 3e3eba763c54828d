package io.xoal.events.segment.correctness;

import io.restassured.response.ValidatableResponse;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** One workspace's segments, events and memberships through the API, for the correctness tests. */
record SegmentFixture(TestWorkspace ws) {

    static final Duration WAIT = Duration.ofSeconds(10);

    static SegmentFixture create() {
        return new SegmentFixture(TestWorkspace.create());
    }

    /** Creates an active segment and waits for its first recompute. */
    long segment(String name, Object definition) {
        long id = ws.admin().body(Map.of("name", name, "definition", definition)).post("/v1/segments").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        awaitRefreshed(id, 1);
        return id;
    }

    void awaitRefreshed(long id, int version) {
        Awaitility.await().atMost(WAIT).until(() -> {
            var body = ws.admin().get("/v1/segments/" + id).then().statusCode(200).extract().jsonPath();
            return "done".equals(body.getString("refresh.state")) && body.getInt("refresh.version") == version;
        });
    }

    void track(String user, String name) {
        track(user, name, Map.of(), null);
    }

    /** An event with custom data, at {@code at} (null: now). */
    void track(String user, String name, Map<String, Object> data, Instant at) {
        Map<String, Object> body = new HashMap<>(Map.of("event", name, "properties", Map.of("userId", user, "customData", data)));
        if (at != null) {
            body.put("timestamp", at.toString());
        }
        ws.ingest().body(body).post("/ingest/v1/event").then().statusCode(200);
    }

    void customer(String id, Map<String, Object> body) {
        ws.admin().body(body).put("/v1/customers/" + id).then().statusCode(201);
    }

    void updateCustomer(String id, Map<String, Object> body) {
        ws.admin().body(body).put("/v1/customers/" + id).then().statusCode(200);
    }

    ValidatableResponse preview(Object definition) {
        return ws.admin().body(Map.of("definition", definition)).post("/v1/segments/preview").then().statusCode(200);
    }

    Map<String, Object> membership(long segment, String user) {
        return ws.admin().get("/v1/segments/" + segment + "/members/" + user).then().statusCode(200).extract().as(Map.class);
    }

    boolean member(long segment, String user) {
        return Boolean.TRUE.equals(membership(segment, user).get("member"));
    }

    void awaitMember(long segment, String user, boolean member) {
        Awaitility.await("customer " + user + (member ? " in " : " out of ") + "segment " + segment)
                .atMost(WAIT).until(() -> member(segment, user) == member);
    }

    /** Waits until the workspace's queued segment work is done and nothing of the application can still commit. */
    void settle() {
        Awaitility.await("segment work of workspace " + ws.id() + " done").atMost(WAIT)
                .until(() -> TestDatabase.number("SELECT count(*) FROM segment_work WHERE workspace_id = ?", ws.id()) == 0);
        TestDatabase.awaitNoOpenTransaction();
    }

    static Map<String, Object> performed(String event, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("event", event));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return Map.of("performed", body);
    }

    static Map<String, Object> not(Object node) {
        return Map.of("not", node);
    }

    static Map<String, Object> inSegment(long id) {
        return Map.of("in_segment", Map.of("id", id));
    }
}
