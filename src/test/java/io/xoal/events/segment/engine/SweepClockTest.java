package io.xoal.events.segment.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.segment.engine.SegmentFailureIsolationTest.awaitMember;
import static io.xoal.events.segment.engine.SegmentFailureIsolationTest.purchase;
import static io.xoal.events.segment.engine.SegmentFailureIsolationTest.segment;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * The sweep evaluates each segment as of the clock when it gets to it, not as of the run's start:
 * an event that arrived while earlier segments of the run were swept is not "in the future".
 */
@QuarkusTest
class SweepClockTest {

    @Inject
    TestClock clock;
    @Inject
    WindowSweeper sweeper;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anEventThatArrivesDuringASweepRunDoesNotMakeItsCustomerLeave() throws Exception {
        TestWorkspace ws = TestWorkspace.create();
        long first = segment(ws, "logged in", Map.of("performed", Map.of("event", "login", "window", Map.of("days", 1))));
        long daily = segment(ws, "daily buyers", Map.of("performed", Map.of("event", "purchase", "window", Map.of("days", 1))));
        String user = unique("u");
        purchase(ws, user);
        awaitMember(ws, daily, user);
        clock.advance(Duration.ofDays(1).plusMinutes(1));

        CompletableFuture<Integer> run;
        try (Connection held = TestDatabase.begin(); PreparedStatement lock = held.prepareStatement(
                "SELECT 1 FROM segments WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, first);
            lock.executeQuery();
            // The run starts; it is held at the first segment (swept before the other) until the lock goes.
            run = sweeper.sweepDue(Duration.ZERO).subscribeAsCompletionStage();
            TestDatabase.awaitBlockedStatement();
            clock.advance(Duration.ofMinutes(1));
            purchase(ws, user);
            held.rollback();
        }
        run.get(30, TimeUnit.SECONDS);
        ws.admin().get("/v1/segments/" + daily + "/members/" + user).then().body("member", is(true));
        ws.admin().get("/v1/segments/" + daily + "/transitions").then().body("items.entered", contains(true));
    }
}
