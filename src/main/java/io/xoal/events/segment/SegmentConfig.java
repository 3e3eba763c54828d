package io.xoal.events.segment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of segment evaluation. */
@ConfigMapping(prefix = "xoal.segments")
public interface SegmentConfig {

    /** How often queued work no wake-up reached is picked up ({@code off} disables). */
    @WithDefault("1s")
    String workEvery();

    /** How often pending full recomputes are looked for ({@code off} disables). */
    @WithDefault("2s")
    String refreshEvery();

    /** How often windows relative to now are swept; exits apply within this (+5 s) of the boundary. */
    @WithDefault("10s")
    String sweepEvery();

    /** Queued ingest flushes taken per event-driven evaluation transaction. */
    @WithDefault("500")
    int workBatch();

    /** How long the flushes of concurrent requests gather before one evaluation serves them all. */
    @WithDefault("PT0.025S")
    Duration workDelay();

    /**
     * After a drain in which a segment's lock was held (by a sweep or a recompute), so that its
     * entries were queued again, how long until the next drain.
     */
    @WithDefault("PT0.2S")
    Duration busyRetry();

    /** Workspaces whose queued work one replica evaluates at once, each in its own transaction. */
    @WithDefault("2")
    int workConcurrency();

    /** Longest one segment's evaluation (event-driven or sweep) may run; beyond, it is cancelled and counts as a failure. */
    @WithDefault("PT5S")
    Duration evaluationTimeout();

    /** Failed evaluations in a row after which a segment is marked failed and skipped until it is changed. */
    @WithDefault("3")
    int evaluationMaxFailures();

    /** Width of a usid range evaluated per transaction in a full recompute (progress advances per range). */
    @WithDefault("500000")
    long refreshChunk();

    /**
     * While this replica ingests, the share of the time a full recompute may run: it pauses after
     * each chunk for the rest (1 turns the pause off).
     */
    @WithDefault("0.2")
    double refreshShare();

    /** A running recompute whose heartbeat is older than this is taken over (its replica died). */
    @WithDefault("PT1M")
    Duration refreshStale();

    /** Longest a preview may run. */
    @WithDefault("PT5S")
    Duration previewTimeout();

    /** Customers a preview shows. */
    @WithDefault("20")
    int previewSample();
}
