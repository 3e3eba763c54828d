package io.xoal.events.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three replicas of the packaged service started at once on one empty database (so that their migrations,
 * partition DDL and bootstrap race), then ingest through all three, with the same messageIds through different
 * replicas, while all three run the segment jobs and a definition changes: everything is done once.
 */
class ThreeReplicasIT {

    private static final int REPLICAS = 3;
    private static final Pattern PARTITION = Pattern.compile("events_p(\\d{4})(?:_(\\d{2}))?");

    @Test
    void threeReplicasOnOneDatabaseDoEverythingOnce() throws Exception {
        ItDatabase db = ItDatabase.create();
        Map<String, String> environment = new HashMap<>(db.environment(db.port));
        environment.put("XOAL_SEGMENTS_REFRESH_EVERY", "1s");
        environment.put("XOAL_SEGMENTS_SWEEP_EVERY", "1s");
        // A recompute in many transactions, each of which meets the event-driven evaluations of other replicas.
        environment.put("XOAL_SEGMENTS_REFRESH_CHUNK", "8");
        // Readiness lingering before shutdown is for load balancers; here it only makes the test longer.
        environment.put("QUARKUS_SHUTDOWN_DELAY_ENABLED", "false");
        List<ServiceProcess> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < REPLICAS; i++) {
                replicas.add(new ServiceProcess(environment));
            }
            startAtOnce(replicas);
            try (Connection c = db.connect()) {
                assertStartedOnce(c, replicas);
            }

            long buyers = create(replicas.get(0), "buyers", """
                    {"performed": {"event": "purchase", "window": {"days": 30}}}""");
            long pro = create(replicas.get(1), "pro plan", plan("pro"));
            long proBuyers = create(replicas.get(2), "pro buyers", """
                    {"and": [{"in_segment": {"id": %d}}, {"in_segment": {"id": %d}}]}""".formatted(buyers, pro));

            ReplicaTraffic traffic = new ReplicaTraffic(replicas, Instant.now());
            traffic.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.acknowledged.get() >= 150);
            // A recompute in full, on whichever replica claims it, while the event-driven evaluations go on.
            admin(replicas.get(2)).body(segment("buyers", """
                            {"performed": {"event": "purchase", "window": {"days": 30}, "count": {"op": "at_least", "value": 2},
                             "where": [{"property": "amount", "type": "number", "op": "gte", "value": 70}]}}"""))
                    .put("/v1/segments/" + buyers).then().statusCode(200);
            // Recomputes that move most customers, one after another, while the identifies move them too; the last
            // one restores the definition.
            for (int change = 1; change <= 6; change++) {
                int after = 150 + 80 * change;
                await().atMost(Duration.ofSeconds(60)).until(() -> traffic.acknowledged.get() >= after);
                admin(replicas.get(change % REPLICAS)).body(segment("pro plan", plan(change % 2 == 0 ? "pro" : "free")))
                        .put("/v1/segments/" + pro).then().statusCode(200);
            }
            traffic.awaitDone(Duration.ofSeconds(60));
            assertEquals(List.of(), traffic.unexpected, "every request was answered 200 with nothing rejected");

            try (Connection c = db.connect()) {
                assertStoredOnce(c, ReplicaTraffic.planned(REPLICAS));
                assertMembersFollowDefinitions(c, buyers, pro, proBuyers);
                assertEquals(onPlan("pro"), new TreeSet<>(strings(c, """
                        SELECT c.external_id FROM segment_members m JOIN customers c ON c.usid = m.usid
                        WHERE m.segment_id = %d""".formatted(pro))), "the last identify round decides the plan");
                assertLedgerConsistent(c);
                assertEquals(2L, single(c, "SELECT version FROM segments WHERE id = " + buyers));
                assertEquals(7L, single(c, "SELECT version FROM segments WHERE id = " + pro));
            }
            for (ServiceProcess replica : replicas) {
                assertTrue(evaluations(replica) > 0, "every replica evaluated queued work: " + replica.baseUrl());
                assertEquals(List.of(), replica.output().lines().filter(ThreeReplicasIT::trouble).toList(),
                        "no replica logged a failure of ours (evaluation, partition DDL, recompute)");
            }
        } finally {
            for (ServiceProcess replica : replicas) {
                replica.close();
            }
        }
    }

    private static void startAtOnce(List<ServiceProcess> replicas) {
        CompletableFuture.allOf(replicas.stream().map(r -> CompletableFuture.runAsync(() -> {
            try {
                r.start(Duration.ofSeconds(180));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toArray(CompletableFuture[]::new)).join();
    }

    /** Once the queued work and the recompute are done, each segment's members are what a direct query says. */
    private static void assertMembersFollowDefinitions(Connection c, long buyers, long pro, long proBuyers) {
        Map<Long, String> expected = Map.of(
                buyers, """
                        SELECT e.subject_id FROM events e WHERE e.name = 'purchase' AND e.subject_kind = 'customer'
                          AND e.occurred_at > now() - interval '30 days' AND (e.properties->>'amount')::numeric >= 70
                        GROUP BY e.subject_id HAVING count(*) >= 2""",
                pro, "SELECT usid FROM customers WHERE attributes->>'plan' = 'pro'");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertEquals(0L, single(c, "SELECT count(*) FROM segment_work"), "queued segment work drained");
            assertEquals(0L, single(c, "SELECT count(*) FROM segments WHERE refresh_state <> 'done' OR refresh_version <> version"),
                    "every recompute done, of the current version");
            for (Map.Entry<Long, String> e : expected.entrySet()) {
                assertEquals(longs(c, e.getValue()), members(c, e.getKey()), "members of segment " + e.getKey());
            }
            Set<Long> both = new TreeSet<>(members(c, buyers));
            both.retainAll(members(c, pro));
            assertEquals(both, members(c, proBuyers), "members of the in_segment segment");
        });
    }

    /** Migrated once, bootstrapped once, each partition created once, and every replica says so. */
    private static void assertStartedOnce(Connection c, List<ServiceProcess> replicas) throws Exception {
        assertEquals(0L, single(c, "SELECT count(*) FROM flyway_schema_history WHERE NOT success"));
        assertEquals(single(c, "SELECT count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL"),
                single(c, "SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL"), "each migration applied once");
        assertEquals(1L, single(c, "SELECT count(*) FROM workspaces"));
        assertEquals(List.of("admin", "ingest"), strings(c, "SELECT kind FROM api_keys ORDER BY kind"));
        int created = 0;
        for (ServiceProcess replica : replicas) {
            String log = replica.output();
            created += log.contains("Created workspace") ? 1 : 0;
            assertEquals(List.of(), log.lines().filter(ThreeReplicasIT::trouble).toList(), "clean start-up");
        }
        assertEquals(1, created, "one replica created the workspace");
        assertContiguousPartitions(strings(c, """
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'events'::regclass ORDER BY 1"""));
        assertEquals(1L, single(c, "SELECT count(*) FROM message_id_generations WHERE closed_at IS NULL"),
                "one open dedup generation");
    }

    /** Yearly then monthly partitions from 2000 on, each range once, through the months ahead of now + 1 day. */
    private static void assertContiguousPartitions(List<String> names) {
        YearMonth next = YearMonth.of(2000, 1);
        for (String name : names) {
            Matcher m = PARTITION.matcher(name);
            assertTrue(m.matches(), "a partition of ours: " + name);
            YearMonth from = m.group(2) == null ? YearMonth.of(Integer.parseInt(m.group(1)), 1)
                    : YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            assertEquals(next, from, name + " starts where the one before ended: " + names);
            next = m.group(2) == null ? from.plusYears(1) : from.plusMonths(1);
        }
        YearMonth last = YearMonth.from(Instant.now().plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC)).plusMonths(2);
        assertTrue(next.isAfter(last), "partitions reach beyond " + last + ": " + names);
    }

    private static void assertStoredOnce(Connection c, List<String> planned) throws SQLException {
        assertEquals(List.of(), strings(c, "SELECT message_id FROM events GROUP BY message_id HAVING count(*) > 1"),
                "no messageId stored twice");
        assertEquals(new TreeSet<>(planned), new TreeSet<>(strings(c, "SELECT message_id FROM events")),
                "every messageId sent is stored");
    }

    /**
     * Evaluations of one segment never overlap: per customer and segment, the ledger in id order alternates
     * enter, leave, enter…, and its last entry is the membership now.
     */
    private static void assertLedgerConsistent(Connection c) throws SQLException {
        assertEquals(List.of(), strings(c, """
                SELECT segment_id || '/' || usid || '#' || id FROM (
                  SELECT id, segment_id, usid, entered, lag(entered) OVER (PARTITION BY segment_id, usid ORDER BY id) AS before
                  FROM segment_transitions) t
                WHERE entered = before OR (before IS NULL AND NOT entered)"""), "no repeated or leading-leave transition");
        assertEquals(List.of(), strings(c, """
                SELECT coalesce(l.segment_id, m.segment_id) || '/' || coalesce(l.usid, m.usid) FROM (
                  SELECT DISTINCT ON (segment_id, usid) segment_id, usid, entered FROM segment_transitions
                  ORDER BY segment_id, usid, id DESC) l
                FULL JOIN segment_members m ON m.segment_id = l.segment_id AND m.usid = l.usid
                WHERE l.entered IS DISTINCT FROM (m.usid IS NOT NULL)"""), "members are the ledger's last state");
        // The lock is held until commit and each evaluation reads the clock once it holds it, so a segment's
        // transitions are in time order; two evaluations of one segment at once would interleave their rows.
        assertEquals(List.of(), strings(c, """
                SELECT segment_id || '#' || id FROM (
                  SELECT id, segment_id, at, lag(at) OVER (PARTITION BY segment_id ORDER BY id) AS before FROM segment_transitions) t
                WHERE before > at"""), "one evaluation of a segment at a time, on all replicas together");
        assertTrue(single(c, "SELECT count(*) FROM segment_transitions WHERE NOT entered") > 0,
                "the recompute made members leave");
    }

    private static Set<String> onPlan(String plan) {
        Set<String> ids = new TreeSet<>();
        for (int customer = 0; customer < ReplicaTraffic.CUSTOMERS; customer++) {
            if (ReplicaTraffic.plan(customer, ReplicaTraffic.IDENTIFY_ROUNDS - 1).equals(plan)) {
                ids.add("u" + customer);
            }
        }
        return ids;
    }

    private static long create(ServiceProcess replica, String name, String definition) {
        return admin(replica).body(segment(name, definition)).post("/v1/segments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String plan(String value) {
        return "{\"attribute\": {\"name\": \"plan\", \"type\": \"string\", \"op\": \"eq\", \"value\": \"" + value + "\"}}";
    }

    /** A line of a replica's log that says something of ours failed. */
    private static boolean trouble(String line) {
        return line.contains(" ERROR ") || line.contains("WARN  [io.xo.");
    }

    private static String segment(String name, String definition) {
        return "{\"name\":\"" + name + "\",\"definition\":" + definition + "}";
    }

    private static RequestSpecification admin(ServiceProcess replica) {
        return RestAssured.given().baseUri(replica.baseUrl())
                .header("Authorization", "Bearer " + ServiceProcess.ADMIN_KEY).contentType(ContentType.JSON);
    }

    /** How many event-driven evaluation transactions took queued work on this replica. */
    private static double evaluations(ServiceProcess replica) {
        String metrics = RestAssured.given().baseUri(replica.baseUrl()).get("/q/metrics").asString();
        Matcher m = Pattern.compile("(?m)^xoal_segments_work_duration_seconds_count(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static Set<Long> members(Connection c, long segment) throws SQLException {
        return longs(c, "SELECT usid FROM segment_members WHERE segment_id = " + segment);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<Long> longs(Connection c, String sql) throws SQLException {
        return strings(c, sql).stream().map(Long::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
