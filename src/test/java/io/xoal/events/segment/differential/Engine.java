package io.xoal.events.segment.differential;

import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.segment.engine.SegmentRefresher;
import io.xoal.events.segment.engine.SegmentWorker;
import io.xoal.events.segment.engine.WindowSweeper;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the service's segments up to date the way production does, with the clock frozen:
 * recomputes (the refresh job), the event-driven worker (until the workspace's queue is empty)
 * and the window sweep (until every time-relative segment is swept to now). Each returns the
 * failures it saw instead of throwing, so that one broken path does not hide the others.
 */
final class Engine {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestClock clock;
    private final SegmentRefresher refresher;
    private final WindowSweeper sweeper;
    private final SegmentWorker worker;
    private final long workspace;

    Engine(TestClock clock, SegmentRefresher refresher, WindowSweeper sweeper, SegmentWorker worker, long workspace) {
        this.clock = clock;
        this.refresher = refresher;
        this.sweeper = sweeper;
        this.worker = worker;
        this.workspace = workspace;
    }

    void freeze(Instant at) {
        clock.freeze(at);
    }

    /** Runs pending recomputes until every segment of the workspace is done at its version. */
    List<String> recompute() {
        List<String> failures = new ArrayList<>();
        await("recompute", failures, () -> {
            refresher.refreshAll().await().atMost(WAIT);
            return TestDatabase.number("SELECT count(*) FROM segments WHERE workspace_id = ? AND status = 'active' "
                    + "AND (refresh_state IN ('pending', 'running') OR refresh_version IS DISTINCT FROM version)", workspace) == 0;
        });
        try (var conn = TestDatabase.connect(); var rows = conn.createStatement().executeQuery(
                "SELECT id, refresh_error FROM segments WHERE refresh_state = 'failed' AND workspace_id = " + workspace)) {
            while (rows.next()) {
                failures.add("recompute of segment " + rows.getLong(1) + " failed: " + rows.getString(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        failures.addAll(settle());
        return failures;
    }

    /** Runs the event-driven worker until the workspace's queued work is gone. */
    List<String> settle() {
        List<String> failures = new ArrayList<>();
        await("event-driven evaluation", failures, () -> {
            try {
                worker.drainOnce().await().atMost(WAIT);
            } catch (RuntimeException e) {
                failures.add("event-driven evaluation failed: " + e);
                return true;
            }
            return TestDatabase.number("SELECT count(*) FROM segment_work WHERE workspace_id = ?", workspace) == 0;
        });
        return failures;
    }

    /** Sweeps until every time-relative segment of the workspace is swept to now, then settles what that queued. */
    List<String> sweep() {
        List<String> failures = new ArrayList<>();
        await("sweep", failures, () -> {
            try {
                sweeper.sweepDue(Duration.ZERO).await().atMost(WAIT);
            } catch (RuntimeException e) {
                failures.add("sweep failed: " + e);
                return true;
            }
            return TestDatabase.number("SELECT count(*) FROM segments WHERE workspace_id = ? AND status = 'active' "
                    + "AND time_relative AND swept_until < ?", workspace, clock.instant().atOffset(ZoneOffset.UTC)) == 0;
        });
        failures.addAll(settle());
        return failures;
    }

    private static void await(String what, List<String> failures, java.util.concurrent.Callable<Boolean> done) {
        try {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(done);
        } catch (ConditionTimeoutException e) {
            failures.add(what + " did not finish within " + WAIT.toSeconds() + " s");
        }
    }
}
