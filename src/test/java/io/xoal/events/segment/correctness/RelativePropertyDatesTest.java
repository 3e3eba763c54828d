package io.xoal.events.segment.correctness;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestClock;
import io.xoal.events.segment.engine.WindowSweeper;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.segment.correctness.SegmentFixture.WAIT;
import static io.xoal.events.segment.correctness.SegmentFixture.performed;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A relative date in an event property filter is re-applied as time passes, as preview applies it. */
@QuarkusTest
class RelativePropertyDatesTest {

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

    private static Map<String, Object> trialEnds(String op) {
        return performed("trial_started", "where", List.of(Map.of("property", "ends", "type", "date", "op", op,
                "value", Map.of("days", 7))));
    }

    @Test
    void propertyDatesAgeInAndOutOfTheirFilters() {
        long recent = f.segment("trial ended this week", trialEnds("less_than_ago"));
        long old = f.segment("trial ended over a week ago", trialEnds("more_than_ago"));
        String user = unique("u");
        String ends = Instant.now().minus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        f.track(user, "trial_started", Map.of("ends", ends), null);
        f.awaitMember(recent, user, true);
        f.settle();
        assertEquals(false, f.member(old, user));

        clock.advance(Duration.ofDays(2));
        f.preview(trialEnds("less_than_ago")).body("count", is(0));
        sweeper.sweepDue(Duration.ZERO).await().atMost(WAIT);
        assertEquals(false, f.member(recent, user), "left 'less than 7 days ago' once the date is 8 days old");
        assertEquals(true, f.member(old, user), "entered 'more than 7 days ago' once the date is 8 days old");
        assertEquals("window lapsed", f.membership(recent, user).get("cause"));
    }
}
