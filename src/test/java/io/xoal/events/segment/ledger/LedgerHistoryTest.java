package io.xoal.events.segment.ledger;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.xoal.events.segment.ledger.LedgerFixture.BASE;
import static io.xoal.events.segment.ledger.LedgerFixture.TICK;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger's past answers (members at T, count at T, size over time, one customer at T) are
 * exactly what a brute-force read of the same ledger says, before and after the hourly buckets are
 * folded, with ties at one instant and re-entries; and a read over its time limit is a 422.
 */
@QuarkusTest
class LedgerHistoryTest {

    @Inject
    SizeBuckets buckets;

    private TestWorkspace ws;
    private LedgerFixture ledger;

    @BeforeEach
    void segment() throws Exception {
        ws = TestWorkspace.create();
        ledger = new LedgerFixture(ws);
    }

    @AfterEach
    void close() throws Exception {
        ledger.close();
    }

    private String path(String tail) {
        return "/v1/segments/" + ledger.segment + tail;
    }

    /** All members at T through the API, page by page (pages of 7; a page looks at 25 customers at most in tests). */
    private List<Long> membersAt(Instant at) {
        List<Long> usids = new ArrayList<>();
        String cursor = "";
        for (int pages = 0; cursor != null; pages++) {
            assertTrue(pages < 100, "the pages end");
            JsonPath page = ws.admin().get(path("/members?limit=7&at=" + at + "&cursor=" + cursor)).then().statusCode(200)
                    .body("items.size()", lessThan(8)).extract().jsonPath();
            usids.addAll(page.getList("items.usid", Long.class));
            cursor = page.getString("next_cursor");
        }
        return usids;
    }

    private long countAt(Instant at) {
        return ws.admin().get(path("/members/count?at=" + at)).then().statusCode(200).extract().jsonPath().getLong("count");
    }

    private List<Long> size(Instant from, Instant to, String interval) {
        return ws.admin().get(path("/size?from=" + from + "&to=" + to + "&interval=" + interval)).then().statusCode(200)
                .extract().jsonPath().getList("size", Long.class);
    }

    private void assertExact() {
        // Ticks (transitions land on them, bucket edges too), just before and after them, and off the grid.
        for (int tick = 3; tick < 150; tick += 19) {
            Instant t = BASE.plus(TICK.multipliedBy(tick));
            for (Instant at : List.of(t, t.minusNanos(1000), t.plus(Duration.ofMinutes(17)))) {
                List<Long> expected = ledger.membersAt(at);
                assertEquals(expected, membersAt(at), "members at " + at);
                assertEquals(expected.size(), countAt(at), "count at " + at);
            }
        }
        for (Instant from : List.of(BASE.minus(Duration.ofHours(1)), BASE.plus(Duration.ofMinutes(17)))) {
            Instant hours = from.plus(Duration.ofHours(80));
            Instant days = from.plus(Duration.ofDays(4));
            List<Long> hourly = ledger.sizes(from, hours, "1 hour");
            List<Long> daily = ledger.sizes(from, days, "1 day");
            assertEquals(81, hourly.size());
            assertEquals(hourly, size(from, hours, "hour"), "hourly size from " + from);
            assertEquals(daily, size(from, days, "day"), "daily size from " + from);
        }
    }

    @Test
    void pastAnswersAreWhatTheWholeLedgerSaysBeforeAndAfterFolding() {
        ledger.random(60, 42);
        assertExact();
        buckets.compact().await().indefinitely();
        assertEquals(0, TestDatabase.number(
                "SELECT count(*) FROM segment_size_hourly WHERE segment_id = ? AND NOT compacted", ledger.segment));
        assertExact();
    }

    @Test
    void aCustomerAtAnInstantIsTheirLastTransitionBySinceAndCause() {
        long usid = ledger.customer("x-1");
        Instant enter = BASE.plus(Duration.ofMinutes(10));
        Instant tie = BASE.plus(Duration.ofHours(2));
        // Enters, and at one instant leaves and re-enters (the later row wins), then leaves.
        ledger.transitions(usid, true, enter, tie, tie, tie.plus(Duration.ofHours(1)));
        long reentry = TestDatabase.number("SELECT max(id) FROM segment_transitions WHERE segment_id = ? AND at = ?",
                ledger.segment, Timestamp.from(tie));

        ws.admin().get(path("/members/x-1?at=" + enter.minusSeconds(1))).then().statusCode(200)
                .body("member", is(false)).body("since", nullValue()).body("cause", is("never a member"))
                .body("transition_id", nullValue());
        ws.admin().get(path("/members/x-1?at=" + enter)).then().statusCode(200)
                .body("member", is(true)).body("since", is(enter.toString())).body("cause", is("test"));
        ws.admin().get(path("/members/x-1?at=" + tie)).then().statusCode(200)
                .body("member", is(true)).body("since", is(tie.toString())).body("transition_id", is((int) reentry))
                .body("at", is(tie.toString()));
        ws.admin().get(path("/members/x-1?at=" + tie.plus(Duration.ofHours(2)))).then().statusCode(200)
                .body("member", is(false)).body("since", is(tie.plus(Duration.ofHours(1)).toString()));
        // Without at: the membership now (none: the test wrote the ledger only).
        ws.admin().get(path("/members/x-1")).then().statusCode(200).body("member", is(false)).body("at", nullValue());

        ws.admin().get(path("/members/nobody?at=" + tie)).then().statusCode(404);
        ws.admin().get("/v1/segments/999999999/members/x-1?at=" + tie).then().statusCode(404);
        ws.admin().get(path("/members/x-1?at=yesterday")).then().statusCode(400).body("errors[0].field", is("/at"));
        TestWorkspace.create().admin().get(path("/members/x-1?at=" + tie)).then().statusCode(404);
    }

    @Test
    void aLedgerReadOverItsTimeLimitIsA422InBoundedTime() throws Exception {
        ledger.random(3, 7);
        try (Connection blocker = TestDatabase.begin()) {
            blocker.createStatement().execute("LOCK TABLE segment_size_hourly IN ACCESS EXCLUSIVE MODE");
            long started = System.nanoTime();
            ws.admin().get(path("/members/count?at=" + BASE.plus(Duration.ofDays(1)))).then().statusCode(422)
                    .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("time limit"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            // The test profile's limit is 3 s.
            assertTrue(millis >= 2_900 && millis < 8_000, "answered after " + millis + " ms");
            blocker.rollback();
        }
        ws.admin().get(path("/members/count?at=" + BASE.plus(Duration.ofDays(1)))).then().statusCode(200);
    }
}
