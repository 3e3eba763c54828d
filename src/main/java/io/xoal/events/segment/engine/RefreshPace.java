package io.xoal.events.segment.engine;

import io.xoal.events.common.FlushCommitted;
import io.xoal.events.segment.SegmentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest comes before full recomputes: while this replica is ingesting (a flush committed within
 * the last second), a recompute pauses after each chunk so that it runs at most
 * {@code xoal.segments.refresh-share} of the time; idle, it runs at full speed. A recompute of
 * every customer is seconds of a PostgreSQL core per chunk, and on two cores it halved ingest
 * (docs/performance.md, issue 13, G5). The pause never reaches a third of {@code refresh-stale},
 * so that no other replica takes the recompute over as dead.
 */
@ApplicationScoped
class RefreshPace {

    private static final long BUSY_NANOS = Duration.ofSeconds(1).toNanos();

    private final SegmentConfig config;
    private final AtomicLong lastFlush = new AtomicLong(System.nanoTime() - 2 * BUSY_NANOS);

    RefreshPace(SegmentConfig config) {
        this.config = config;
    }

    void onFlush(@Observes FlushCommitted committed) {
        lastFlush.set(System.nanoTime());
    }

    /** The pause after a chunk that took {@code chunk}. */
    Duration after(Duration chunk) {
        return System.nanoTime() - lastFlush.get() < BUSY_NANOS ? pause(chunk, config.refreshShare(), config.refreshStale()) : Duration.ZERO;
    }

    /** Long enough that {@code chunk} is {@code share} of chunk + pause, and at most a third of {@code stale}. */
    static Duration pause(Duration chunk, double share, Duration stale) {
        if (share >= 1) {
            return Duration.ZERO;
        }
        long millis = (long) (chunk.toMillis() * (1 - share) / share);
        return Duration.ofMillis(Math.min(millis, stale.dividedBy(3).toMillis()));
    }
}
