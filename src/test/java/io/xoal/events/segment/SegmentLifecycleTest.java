package io.xoal.events.segment;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.segment.engine.SegmentRefresher;
import io.xoal.events.segment.engine.SegmentWorker;
import io.xoal.events.segment.engine.WindowSweeper;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Segments over time, with the test clock: entering on an event, leaving when a window lapses,
 * the history rule, recompute after a change, the ledger's past answers, and racing jobs.
 */
@QuarkusTest
class SegmentLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TestClock clock;
    @Inject
    SegmentRefresher refresher;
    @Inject
    WindowSweeper sweeper;
    @Inject
    SegmentWorker worker;

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long segment(String name, Object definition) {
        long id = ws.admin().body(Map.of("name", name, "definition", definition)).post("/v1/segments").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        awaitRefreshed(id, 1);
        return id;
    }

    private void awaitRefreshed(long id, int version) {
        Awaitility.await().atMost(WAIT).until(() -> {
            var body = ws.admin().get("/v1/segments/" + id).then().statusCode(200).extract().jsonPath();
            return "done".equals(body.getString("refresh.state")) && body.getInt("refresh.version") == version;
        });
    }

    private void track(String user, String name) {
        ws.ingest().body(Map.of("event", name, "properties", Map.of("userId", user))).post("/ingest/v1/event")
                .then().statusCode(200);
    }

    private Map<String, Object> membership(long segment, String user) {
        return ws.admin().get("/v1/segments/" + segment + "/members/" + user).then().statusCode(200).extract().as(Map.class);
    }

    private void awaitMember(long segment, String user, boolean member) {
        Awaitility.await().atMost(WAIT).until(() -> membership(segment, user).get("member").equals(member));
    }

    private static Map<String, Object> purchasedWithin(int days) {
        return Map.of("performed", Map.of("event", "purchase", "window", Map.of("days", days)));
    }

    @Test
    void customerEntersOnTheirEventAndLeavesWhenTheWindowLapses() {
        long buyers = segment("buyers", purchasedWithin(30));
        String user = unique("u");
        track(user, "login");
        track(user, "purchase");
        awaitMember(buyers, user, true);
        assertEquals(true, membership(buyers, user).get("cause").toString().startsWith("event "));
        ws.admin().get("/v1/customers/" + user + "/segments").then().body("segment_id", hasItem((int) buyers));

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        sweeper.sweepDue(Duration.ZERO).await().atMost(WAIT);
        Map<String, Object> after = membership(buyers, user);
        assertEquals(false, after.get("member"));
        assertEquals("window lapsed", after.get("cause"));
        ws.admin().get("/v1/segments/" + buyers + "/transitions").then()
                .body("items.entered", contains(false, true))
                .body("items[1].cause", startsWith("event "));
        ws.admin().get("/v1/customers/" + user + "/segments").then().body("", hasSize(0));
    }

    @Test
    void notPerformedMatchesOnlyCustomersWhoseHistoryCoversTheWindow() {
        String veteran = unique("old");
        String newcomer = unique("new");
        String buyer = unique("buyer");
        clock.advance(Duration.ofDays(-40));
        track(veteran, "signed_up");
        track(buyer, "signed_up");
        clock.reset();
        track(newcomer, "signed_up");
        track(buyer, "purchase");
        long lapsed = segment("no purchase", Map.of("not", purchasedWithin(30)));
        long atMostZero = segment("at most zero", Map.of("performed", Map.of("event", "purchase",
                "count", Map.of("op", "at_most", "value", 0), "window", Map.of("days", 30))));

        for (long s : List.of(lapsed, atMostZero)) {
            ws.admin().get("/v1/segments/" + s + "/members").then().body("items.id", contains(veteran));
        }
        assertEquals("never a member", membership(lapsed, newcomer).get("cause"));

        // 30 days on, the newcomer's history covers the window; the buyer's purchase has left it.
        clock.advance(Duration.ofDays(30).plusMinutes(1));
        sweeper.sweepDue(Duration.ZERO).await().atMost(WAIT);
        for (long s : List.of(lapsed, atMostZero)) {
            assertEquals(true, membership(s, newcomer).get("member"));
            assertEquals("window lapsed", membership(s, newcomer).get("cause"));
            assertEquals(true, membership(s, buyer).get("member"));
        }
    }

    @Test
    void attributeAndTagSegmentsFollowProfileChanges() {
        long pros = segment("pros", Map.of("and", List.of(
                Map.of("attribute", Map.of("name", "plan", "type", "string", "op", "eq", "value", "pro")),
                Map.of("tag", Map.of("has_not", "churned")))));
        String user = unique("u");
        ws.admin().body(Map.of("attributes", Map.of("plan", "pro"))).put("/v1/customers/" + user).then().statusCode(201);
        awaitMember(pros, user, true);
        assertEquals("profile change", membership(pros, user).get("cause"));
        ws.admin().body(Map.of("tags", List.of("churned"))).post("/v1/customers/" + user + "/tags").then().statusCode(200);
        awaitMember(pros, user, false);
        // Segment identify (traits) goes through the ingest flush and its outbox.
        String other = unique("seg");
        io.restassured.RestAssured.given().auth().preemptive().basic(ws.ingestKey(), "").contentType("application/json")
                .body(Map.of("userId", other, "traits", Map.of("plan", "pro"))).post("/v1/identify").then().statusCode(200);
        awaitMember(pros, other, true);
    }

    @Test
    void aChangedDefinitionIsRecomputedWithItsVersionAsCause() {
        String once = unique("once");
        String twice = unique("twice");
        track(once, "purchase");
        track(twice, "purchase");
        track(twice, "purchase");
        Awaitility.await().atMost(WAIT).until(() -> worker.drainOnce().await().atMost(WAIT) == 0);
        long id = segment("buyers", Map.of("performed", Map.of("event", "purchase")));
        ws.admin().get("/v1/segments/" + id + "/members").then().body("items", hasSize(2))
                .body("items.cause", everyItem(is("definition v1")));

        ws.admin().body(Map.of("name", "buyers", "definition", Map.of("performed", Map.of("event", "purchase",
                        "count", Map.of("op", "at_least", "value", 2)))))
                .put("/v1/segments/" + id).then().statusCode(200).body("version", is(2));
        awaitRefreshed(id, 2);
        ws.admin().get("/v1/segments/" + id + "/members").then().body("items.id", contains(twice));
        Map<String, Object> left = membership(id, once);
        assertEquals(false, left.get("member"));
        assertEquals("definition v2", left.get("cause"));
        ws.admin().get("/v1/segments/" + id).then().body("refresh.percent", is(100)).body("members", is(1));
    }

    @Test
    void theLedgerAnswersMembersAtAPastInstantAndSizeOverTime() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long daily = segment("daily buyers", purchasedWithin(1));
        String user = unique("u");
        track(user, "purchase");
        awaitMember(daily, user, true);
        clock.advance(Duration.ofDays(2));
        sweeper.sweepDue(Duration.ZERO).await().atMost(WAIT);
        assertEquals(false, membership(daily, user).get("member"));

        ws.admin().get("/v1/segments/" + daily + "/members?at=" + start.plus(Duration.ofHours(1))).then()
                .body("items.id", contains(user));
        ws.admin().get("/v1/segments/" + daily + "/members?at=" + start.plus(Duration.ofDays(3))).then()
                .body("items", hasSize(0));
        ws.admin().get("/v1/segments/" + daily + "/members/count?at=" + start.plus(Duration.ofHours(1))).then().body("count", is(1));
        ws.admin().get("/v1/segments/" + daily + "/size?from=" + start.minus(Duration.ofDays(1)) + "&to="
                        + start.plus(Duration.ofDays(3)) + "&interval=day").then().statusCode(200)
                .body("size", contains(0, 0, 1, 1, 0));
        ws.admin().get("/v1/segments/" + daily + "/size?from=" + start + "&to=" + start.plus(Duration.ofDays(3))
                + "&interval=week").then().statusCode(400);
    }

    @Test
    void racingReplicasEvaluateEachSegmentOnce() throws Exception {
        for (int i = 0; i < 30; i++) {
            track(unique("r" + i), "purchase");
        }
        long id = ws.admin().body(Map.of("name", "race", "status", "paused", "definition", purchasedWithin(30)))
                .post("/v1/segments").then().statusCode(201).extract().jsonPath().getLong("id");
        // The segment's evaluation lock (SegmentEvaluator.LOCK_CLASS) is held: the recompute that
        // claims the segment waits inside its claim while the others look for work.
        try (Connection held = TestDatabase.connect(); PreparedStatement lock = held.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            lock.setInt(1, 0x5E6);
            lock.setInt(2, (int) id);
            lock.executeQuery();
            ws.admin().body(Map.of("name", "race", "definition", purchasedWithin(30))).put("/v1/segments/" + id).then().statusCode(200);
            // Two more refresh jobs race the one the change woke.
            CompletableFuture<Integer> one = refresher.refreshAll().subscribeAsCompletionStage();
            CompletableFuture<Integer> two = refresher.refreshAll().subscribeAsCompletionStage();
            TestDatabase.awaitBlockedStatement();
            Awaitility.await().atMost(WAIT).until(() -> one.isDone() || two.isDone());
        }
        awaitRefreshed(id, 2);
        ws.admin().get("/v1/segments/" + id + "/transitions?limit=1000").then().body("items", hasSize(30))
                .body("items.entered", everyItem(is(true)));

        clock.advance(Duration.ofDays(31));
        // The first sweep holds the segment's lock, held up at its last statement by a row lock;
        // the second sweep and two drains run meanwhile.
        CompletableFuture<Integer> first;
        try (Connection held = TestDatabase.begin(); PreparedStatement lock = held.prepareStatement(
                "SELECT 1 FROM segments WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, id);
            lock.executeQuery();
            first = sweeper.sweepDue(Duration.ZERO).subscribeAsCompletionStage();
            TestDatabase.awaitBlockedStatement();
            Uni.combine().all().unis(sweeper.sweepDue(Duration.ZERO), worker.drainOnce(), worker.drainOnce()).asTuple()
                    .await().atMost(WAIT);
            held.rollback();
        }
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ws.admin().get("/v1/segments/" + id + "/members/count").then().body("count", is(0));
        ws.admin().get("/v1/segments/" + id + "/transitions?limit=1000").then().body("items", hasSize(60))
                .body("items.findAll { !it.entered }.cause", everyItem(is("window lapsed")));
    }
}
