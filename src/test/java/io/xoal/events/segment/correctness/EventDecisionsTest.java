package io.xoal.events.segment.correctness;

import io.xoal.events.common.Metrics;
import io.xoal.events.common.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event-driven evaluation decides from the touching events alone what they prove — an event inside
 * the window makes a customer enter "performed at least once" and leave "not performed", and with
 * the tags it read, "VIP and performed" — and leaves to the segment's statement what they do not
 * (here, another segment): each answer, its ledger cause and what a segment reading these sees are
 * the same either way.
 */
@QuarkusTest
class EventDecisionsTest {

    private static final Map<String, Object> BUYERS = Map.of("performed", Map.of("event", "purchase", "window", Map.of("days", 30)));
    private static final String CANDIDATES = "xoal_segments_candidates_total";

    @Test
    void anEventInsideTheWindowDecidesAloneAndTheRestIsEvaluated() {
        SegmentFixture f = SegmentFixture.create();
        String user = unique("u");
        // A history that began 40 days ago, so that "not performed in 30 days" can hold.
        f.track(user, "signed_up", Map.of(), Instant.now().minus(Duration.ofDays(40)));
        long buyers = f.segment("buyers", BUYERS);
        long lapsed = f.segment("lapsed", Map.of("not", BUYERS));
        long vipBuyers = f.segment("vip buyers", Map.of("and", List.of(Map.of("tag", Map.of("has", "VIP")), BUYERS)));
        String vip = unique("vip");
        f.customer(vip, Map.of("tags", List.of("VIP")));
        long readsBuyers = f.segment("reads buyers", Map.of("in_segment", Map.of("id", buyers)));
        f.awaitMember(lapsed, user, true);
        f.settle();
        double decided = Metrics.value(CANDIDATES, Map.of("path", "decided"));
        double evaluated = Metrics.value(CANDIDATES, Map.of("path", "statement"));

        f.track(user, "purchase");
        f.track(vip, "purchase");
        f.awaitMember(vipBuyers, vip, true);
        f.awaitMember(buyers, user, true);
        f.awaitMember(lapsed, user, false);
        f.awaitMember(readsBuyers, user, true);
        f.settle();
        assertEquals(false, f.member(vipBuyers, user));
        assertTrue(Metrics.value(CANDIDATES, Map.of("path", "decided")) - decided >= 5, "buyers, lapsed and vip buyers decided");
        assertTrue(Metrics.value(CANDIDATES, Map.of("path", "statement")) - evaluated >= 1, "reads buyers evaluated");

        long usid = TestDatabase.number("SELECT usid FROM customers WHERE workspace_id = ? AND external_id = ?", f.ws().id(), user);
        long event = TestDatabase.number("SELECT id FROM events WHERE workspace_id = ? AND subject_id = ? AND name = 'purchase'",
                f.ws().id(), usid);
        String cause = "SELECT count(*) FROM segment_transitions WHERE workspace_id = ? AND segment_id = ? AND usid = ?"
                + " AND entered = ? AND cause = ?";
        assertEquals(1, TestDatabase.number(cause, f.ws().id(), buyers, usid, true, "event " + event));
        assertEquals(1, TestDatabase.number(cause, f.ws().id(), lapsed, usid, false, "event " + event));
        // In the same drain, after the decided answers are written: the segment it reads already changed.
        assertEquals(1, TestDatabase.number(cause, f.ws().id(), readsBuyers, usid, true, "event " + event));
    }

    @Test
    void anEventBeforeTheWindowIsNoEvidenceAndTheStatementDecides() {
        SegmentFixture f = SegmentFixture.create();
        String user = unique("u");
        long buyers = f.segment("buyers", BUYERS);
        f.track(user, "purchase", Map.of(), Instant.now().minus(Duration.ofDays(31)));
        f.settle();
        assertEquals(false, f.member(buyers, user));
        f.track(user, "purchase", Map.of(), Instant.now().minus(Duration.ofDays(29)));
        f.awaitMember(buyers, user, true);
    }
}
