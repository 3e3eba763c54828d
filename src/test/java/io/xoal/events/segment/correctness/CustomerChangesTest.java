package io.xoal.events.segment.correctness;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.segment.correctness.SegmentFixture.not;
import static io.xoal.events.segment.correctness.SegmentFixture.performed;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The event-driven path re-evaluates a segment that reads the customer (profile, history start,
 * "no events" conditions) only for the customers an event changed: an event of a name the segment
 * does not read still counts when it moves the customer's history start, when it carries an
 * e-mail, and, for a segment on {@code last_active}, always.
 */
@QuarkusTest
class CustomerChangesTest {

    private SegmentFixture f;

    @BeforeEach
    void workspace() {
        f = SegmentFixture.create();
    }

    @Test
    void aBackFilledEventOfAnotherNameMovesAnExistingCustomersHistoryStart() {
        long lapsed = f.segment("no purchase in 30 days", not(performed("purchase", "window", Map.of("days", 30))));
        String user = unique("u");
        f.track(user, "signed_up", Map.of(), Instant.now().minus(10, ChronoUnit.DAYS));
        f.settle();
        assertFalse(f.member(lapsed, user), "a history of 10 days does not cover 30");
        f.track(user, "page_viewed", Map.of(), Instant.now().minus(40, ChronoUnit.DAYS));
        f.awaitMember(lapsed, user, true);
    }

    @Test
    void anEventThatCarriesAnEmailIsAProfileChange() {
        long reachable = f.segment("has an e-mail", Map.of("attribute", Map.of("name", "email", "type", "string", "op", "exists")));
        String user = unique("u");
        f.track(user, "signed_up");
        f.settle();
        assertFalse(f.member(reachable, user), "no e-mail yet");
        Map<String, Object> properties = new HashMap<>(Map.of("userId", user, "userEmail", user + "@example.com"));
        f.ws().ingest().body(Map.of("event", "page_viewed", "properties", properties)).post("/ingest/v1/event").then().statusCode(200);
        f.awaitMember(reachable, user, true);
    }

    @Test
    void everyEventCountsForASegmentOnLastActive() {
        long active = f.segment("active today",
                Map.of("attribute", Map.of("name", "last_active", "op", "less_than_ago", "value", Map.of("days", 1))));
        String user = unique("u");
        f.track(user, "signed_up", Map.of(), Instant.now().minus(3, ChronoUnit.DAYS));
        f.settle();
        assertFalse(f.member(active, user), "last active three days ago");
        f.track(user, "page_viewed");
        f.awaitMember(active, user, true);
    }
}
