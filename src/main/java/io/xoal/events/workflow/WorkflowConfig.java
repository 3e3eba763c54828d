package io.xoal.events.workflow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the workflow engine. */
@ConfigMapping(prefix = "xoal.workflows")
public interface WorkflowConfig {

    /** How often each replica's poller enrols from the inbox and advances due runs ({@code off} disables). */
    @WithDefault("1s")
    String pollEvery();

    /** Inbox rows, and due runs, one poll takes at most. */
    @WithDefault("200")
    int batch();

    /** Runs a dry run ({@code POST /v1/workflows/preview}) follows through the steps at most; enrolment is counted in full. */
    @WithDefault("10000")
    int previewRuns();

    /** Longest a dry run's statement may take (PostgreSQL {@code statement_timeout}); past it the answer is 422. */
    @WithDefault("PT10S")
    Duration previewTimeout();

    /** Rounds one poll runs back to back while each claims a full batch (a burst is worked off without waiting for the next poll). */
    @WithDefault("50")
    int roundsPerPoll();

    /** How long a claimed run is reserved for its replica; past it the rescuer re-queues the run. */
    @WithDefault("PT1M")
    Duration lease();

    /** Events that happened longer ago than this (backfilled history) trigger no workflow. */
    @WithDefault("PT72H")
    Duration backfillHorizon();

    /** Longest a webhook request may take before it counts as a failed attempt (retried). */
    @WithDefault("PT10S")
    Duration webhookTimeout();

    /** Delay before the first retry of a failed send; it doubles per attempt, with ±20 % jitter. */
    @WithDefault("PT10S")
    Duration retryBase();

    /** Longest delay between two attempts of a send. */
    @WithDefault("PT1H")
    Duration retryCap();

    /** Attempts of a send after which the run is failed with the last error. */
    @WithDefault("10")
    int maxAttempts();
}
