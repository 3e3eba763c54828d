package io.xoal.events.segment.correctness;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.segment.correctness.SegmentFixture.inSegment;
import static io.xoal.events.segment.correctness.SegmentFixture.not;
import static io.xoal.events.segment.correctness.SegmentFixture.performed;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conditions that a customer without events satisfies: customers created after the recompute
 * enter them, a back-filled history counts from its first event, an event makes members leave,
 * and a segment that reads only segments does not stop the event-driven path.
 */
@QuarkusTest
class ZeroEventConditionsTest {

    private static final Map<String, Object> PURCHASE_30_DAYS = performed("purchase", "window", Map.of("days", 30));

    private SegmentFixture f;

    @BeforeEach
    void workspace() {
        f = SegmentFixture.create();
    }

    private static Map<String, Object> purchases(String op, int n) {
        return performed("purchase", "count", Map.of("op", op, "value", n));
    }

    @Test
    void customersCreatedAfterTheRecomputeEnterZeroEventConditions() {
        long buyers = f.segment("buyers", performed("purchase"));
        List<Long> zero = List.of(
                f.segment("never bought", not(performed("purchase"))),
                f.segment("at most 0", purchases("at_most", 0)),
                f.segment("exactly 0", purchases("exactly", 0)),
                f.segment("not a buyer", not(inSegment(buyers))));
        String byProfile = unique("put");
        String byEvent = unique("login");
        f.customer(byProfile, Map.of("first_name", "Pat"));
        f.track(byEvent, "login");
        for (long segment : zero) {
            f.awaitMember(segment, byProfile, true);
            f.awaitMember(segment, byEvent, true);
        }
    }

    @Test
    void anEventMakesMembersLeaveAtMostExactlyAndNotPerformed() {
        String user = unique("u");
        f.track(user, "purchase");
        f.settle();
        List<Long> leaving = List.of(
                f.segment("at most 1", purchases("at_most", 1)),
                f.segment("exactly 1", purchases("exactly", 1)),
                f.segment("not twice", not(purchases("at_least", 2))));
        leaving.forEach(segment -> assertTrue(f.member(segment, user), "member of " + segment + " after one purchase"));
        f.track(user, "purchase");
        leaving.forEach(segment -> f.awaitMember(segment, user, false));
    }

    @Test
    void aBackFilledHistoryStartsAtTheFirstEventOrTheJoinedDate() {
        long lapsed = f.segment("no purchase in 30 days", not(PURCHASE_30_DAYS));
        String imported = unique("imported");
        String joined = unique("joined");
        String recent = unique("recent");
        f.track(imported, "signed_up", Map.of(), Instant.now().minus(40, ChronoUnit.DAYS));
        f.customer(joined, Map.of("joined_date", Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        f.track(recent, "signed_up", Map.of(), Instant.now().minus(10, ChronoUnit.DAYS));
        f.awaitMember(lapsed, imported, true);
        f.awaitMember(lapsed, joined, true);
        f.settle();
        assertFalse(f.member(lapsed, recent), "a history of 10 days does not cover 30");
        f.preview(not(PURCHASE_30_DAYS)).body("sample.id", org.hamcrest.Matchers.containsInAnyOrder(imported, joined));
    }

    /**
     * The worker skips members among the customers that only events of names a zero-event segment
     * does not read touched (such an event can only move a history start earlier); a profile change
     * can move it later, so it is never skipped.
     */
    @Test
    void aMemberLeavesWhenAProfileChangeShortensTheirHistoryButNotOnAnUnrelatedEvent() {
        long lapsed = f.segment("no purchase in 30 days", not(PURCHASE_30_DAYS));
        String joined = unique("joined");
        f.customer(joined, Map.of("joined_date", Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        f.awaitMember(lapsed, joined, true);
        f.track(joined, "signed_up");
        f.settle();
        assertTrue(f.member(lapsed, joined), "an unrelated event does not make a member leave");
        f.updateCustomer(joined, Map.of("joined_date", Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        f.awaitMember(lapsed, joined, false);
    }

    @Test
    void aSegmentThatReadsOnlySegmentsLeavesTheOthersLive() {
        long buyers = f.segment("buyers", performed("purchase"));
        long notBuyers = f.segment("not buyers", not(inSegment(buyers)));
        long loggedIn = f.segment("logged in", performed("login"));
        String user = unique("u");
        f.track(user, "login");
        f.awaitMember(loggedIn, user, true);
        f.awaitMember(notBuyers, user, true);
        f.track(user, "purchase");
        f.awaitMember(buyers, user, true);
        f.awaitMember(notBuyers, user, false);
    }
}
