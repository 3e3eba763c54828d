package io.xoal.events.segment.engine;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The segment engine's schedule. Each job is safe with several replicas: queued work and
 * segments are claimed with SKIP LOCKED, and every evaluation holds its segment's advisory lock.
 */
@ApplicationScoped
public class SegmentJobs {

    /** A segment swept less than this long ago is not swept again. */
    private static final Duration SWEEP_GAP = Duration.ofSeconds(5);

    private final SegmentWorker worker;
    private final SegmentRefresher refresher;
    private final WindowSweeper sweeper;

    public SegmentJobs(SegmentWorker worker, SegmentRefresher refresher, WindowSweeper sweeper) {
        this.worker = worker;
        this.refresher = refresher;
        this.sweeper = sweeper;
    }

    /** Picks up queued work that no wake-up reached (another replica's flush, a crash). */
    @Scheduled(every = "${xoal.segments.work-every}", identity = "segment-work",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        worker.wake();
    }

    /**
     * Full recomputes of changed definitions, and of recomputes whose replica died; then the worker
     * takes what they queued for the segments that read the recomputed ones.
     */
    @Scheduled(every = "${xoal.segments.refresh-every}", identity = "segment-refresh",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return refresher.refreshAll()
                .invoke(worker::wake)
                .replaceWithVoid();
    }

    /**
     * Windows that lapse with no new event: applied within one period (plus the gap) of the
     * boundary; then the worker takes what the sweep queued for the segments that read the swept ones.
     */
    @Scheduled(every = "${xoal.segments.sweep-every}", identity = "segment-sweep",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweeper.sweepDue(SWEEP_GAP)
                .invoke(worker::wake)
                .replaceWithVoid();
    }
}
