package io.xoal.events.workflow.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Response bodies of a workflow's analytics. */
public final class StatsViews {

    private StatsViews() {
    }

    /**
     * Counts of one window or one bucket: runs entered (by {@code entered_at}); completed, exited by
     * their goal and failed (by {@code finished_at}); messages sent and failed (by the step log).
     */
    public record Counts(long entered, long completed, long exitedByGoal, long failed, long messagesSent, long messagesFailed) {

        Counts plus(Counts o) {
            return new Counts(entered + o.entered, completed + o.completed, exitedByGoal + o.exitedByGoal, failed + o.failed,
                    messagesSent + o.messagesSent, messagesFailed + o.messagesFailed);
        }
    }

    /** One bucket of the series: it starts at {@code start} (UTC) and lasts an hour or a day. */
    public record Bucket(Instant start, Counts counts) {
    }

    @Schema(description = "A workflow's analytics over [from, to): totals, the runs active now, and the same counts per bucket")
    public record Stats(long workflowId, Instant from, Instant to, String bucket, Counts totals, long active, List<Bucket> series) {
    }
}
