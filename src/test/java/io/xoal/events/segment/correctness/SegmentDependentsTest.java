package io.xoal.events.segment.correctness;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestClock;
import io.xoal.events.segment.engine.WindowSweeper;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.segment.correctness.SegmentFixture.WAIT;
import static io.xoal.events.segment.correctness.SegmentFixture.inSegment;
import static io.xoal.events.segment.correctness.SegmentFixture.not;
import static io.xoal.events.segment.correctness.SegmentFixture.performed;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Segments that read other segments follow every change of those, and keep them from being deleted. */
@QuarkusTest
class SegmentDependentsTest {

    @Inject
    TestClock clock;
    @Inject
    WindowSweeper sweeper;

    private SegmentFixture f;

    @BeforeEach
    void workspace() {
        f = SegmentFixture.create();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void dependentsFollowTheSweep() {
        long daily = f.segment("daily buyers", performed("purchase", "window", Map.of("days", 1)));
        long in = f.segment("in daily", inSegment(daily));
        long out = f.segment("not in daily", not(inSegment(daily)));
        String user = unique("u");
        f.track(user, "purchase");
        f.awaitMember(in, user, true);
        f.awaitMember(out, user, false);

        clock.advance(Duration.ofDays(2));
        sweeper.sweepDue(Duration.ZERO).await().atMost(WAIT);
        assertEquals(false, f.member(daily, user));
        f.awaitMember(in, user, false);
        f.awaitMember(out, user, true);
        assertEquals("segment " + daily, f.membership(out, user).get("cause"));
    }

    @Test
    void dependentsFollowARecompute() {
        long buyers = f.segment("buyers", performed("purchase"));
        long in = f.segment("in buyers", inSegment(buyers));
        String user = unique("u");
        f.track(user, "purchase");
        f.awaitMember(in, user, true);

        f.ws().admin().body(Map.of("name", "buyers", "definition", performed("refund")))
                .put("/v1/segments/" + buyers).then().statusCode(200);
        f.awaitRefreshed(buyers, 2);
        assertEquals(false, f.member(buyers, user));
        f.awaitMember(in, user, false);
    }

    @Test
    void deletingASegmentThatOthersReadIsAConflictNamingThem() {
        long buyers = f.segment("buyers", performed("purchase"));
        long in = f.segment("loyal", inSegment(buyers));
        String detail = f.ws().admin().delete("/v1/segments/" + buyers).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("loyal"))
                .extract().jsonPath().getString("detail");
        assertTrue(detail.contains(Long.toString(in)), detail);
        f.ws().admin().get("/v1/segments/" + buyers).then().statusCode(200);
        f.ws().admin().delete("/v1/segments/" + in).then().statusCode(204);
        f.ws().admin().delete("/v1/segments/" + buyers).then().statusCode(204);
        f.ws().admin().get("/v1/segments/" + buyers).then().statusCode(404).body("status", is(404));
    }
}
