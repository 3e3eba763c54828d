package io.xoal.events.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Ingest limits and the group-commit writer's tuning. */
@ConfigMapping(prefix = "xoal.ingest")
public interface IngestConfig {

    /** Largest single event, in bytes of its JSON. */
    @WithDefault("32768")
    int maxEventBytes();

    /** Largest request body, in bytes (413 above). */
    @WithDefault("512000")
    int maxRequestBytes();

    /** Most events in one request (413 above). */
    @WithDefault("2500")
    int maxRequestEvents();

    /** Deepest nesting of objects and arrays inside an event's properties. */
    @WithDefault("8")
    int maxDepth();

    /** Longest string value, in characters. */
    @WithDefault("8192")
    int maxStringLength();

    /** Most keys in one object of the properties. */
    @WithDefault("256")
    int maxKeys();

    /** Most events the writer puts in one transaction. */
    @WithDefault("5000")
    int flushMaxEvents();

    /** How long the writer waits for more events before a flush when it is idle. */
    @WithDefault("PT0.002S")
    Duration maxDelay();

    /** How many flushes may run at once (each on its own connection). */
    @WithDefault("2")
    int maxInFlight();

    /**
     * After this long a flush that has not yet sent COMMIT is cancelled and rolled back, and its
     * requests get 503; one whose COMMIT is under way is waited for.
     */
    @WithDefault("PT10S")
    Duration flushTimeout();

    /**
     * Most events waiting for a flush; a request that would exceed it gets 503 + Retry-After at
     * once, never queued. At least {@code max-request-events}, or larger requests are never taken.
     */
    @WithDefault("20000")
    int maxQueuedEvents();

    /** How long a messageId is remembered for deduplication. */
    @WithDefault("P30D")
    Duration dedupWindow();

    /**
     * Days of messageIds per dedup generation (one partition of {@code message_ids}). Every new
     * messageId is looked up in each older generation, so fewer make ingest cheaper; a messageId is
     * remembered up to this much longer than the window. Fixed for a database's life.
     */
    @WithDefault("7")
    int dedupGenerationDays();

    /** How many months of event partitions exist ahead of the current one. */
    @WithDefault("2")
    int partitionsAhead();

    /** How often the event partitions are checked and the missing ones created ({@code off} disables). */
    @WithDefault("1h")
    String partitionCheck();

    /** How often expired messageIds and rejected items are forgotten ({@code off} disables). */
    @WithDefault("1m")
    String pruneEvery();

    /** Longest wait for a lock by partition DDL before it gives way and retries (statements queued behind it wait too). */
    @WithDefault("PT1S")
    Duration ddlLockTimeout();

    /** How often partition DDL is tried before the job gives up until its next run. */
    @WithDefault("20")
    int ddlAttempts();

    /**
     * How long events are kept by event time (unset: forever). Older event times are rejected, and the job drops
     * an event partition, with its days' rollups, once its whole range is older than this plus a day.
     */
    Optional<Duration> eventRetention();

    /** Events more than this far in the future (after clock-skew correction) are rejected. */
    @WithDefault("P1D")
    Duration maxFuture();
}
