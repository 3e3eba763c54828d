package io.xoal.events.segment.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.FlushCommitted;
import io.xoal.events.common.ProfilesChanged;
import io.xoal.events.segment.SegmentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event-driven evaluation: after each committed ingest flush, takes the queued touched customers
 * ({@code segment_work}) and re-evaluates only them, only for the segments whose conditions read
 * those event names or profiles (and the segments that read those). Work is claimed one workspace
 * per transaction (its oldest rows, SKIP LOCKED, under a try-lock on the workspace so that replicas
 * split workspaces), up to {@code work-concurrency} workspaces at once, the least recently served
 * first: one workspace's backlog or failure never holds up another's; {@link DrainEvaluation}
 * brings the segments up to date for what a drain took. The queue rows are deleted in the evaluation's
 * transaction: a crash leaves them for the next run; so does a failure that is retried.
 */
@ApplicationScoped
public class SegmentWorker {

    private static final Logger LOG = Logger.getLogger(SegmentWorker.class);

    /** First key of the two-key advisory locks by which one replica at a time drains a workspace. */
    static final int WORK_LOCK_CLASS = 0x5E7;

    private static final String QUEUED = "SELECT workspace_id FROM segment_work GROUP BY workspace_id ORDER BY min(id) LIMIT 1000";

    private static final String CLAIM = """
            SELECT id, usids, event_ids, names, occurred_ats FROM segment_work WHERE workspace_id = $1
            ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED""";

    private static final String REQUEUE = """
            INSERT INTO segment_work (workspace_id, usids, event_ids, names, occurred_ats, created_at)
            VALUES ($1, $2, $3, $4, $5, now())""";

    /** What one drain came to: queue rows taken, and whether a busy segment's entries were queued again. */
    private record Drained(int rows, boolean deferred) {
        static final Drained NONE = new Drained(0, false);
    }

    private final Pool pool;
    private final Timer batches;
    private final Vertx vertx;
    private final SegmentIsolation isolation;
    private final DrainEvaluation evaluation;
    private final SegmentConfig config;
    private final AtomicBoolean scanning = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** Workspaces that waited for a free slot in the last scan. */
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> lastServed = new ConcurrentHashMap<>();
    private final AtomicLong served = new AtomicLong();

    public SegmentWorker(Pool pool, SegmentIsolation isolation, DrainEvaluation evaluation, SegmentConfig config,
                         MeterRegistry registry, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
        this.batches = Timer.builder("xoal.segments.work.duration")
                .description("One event-driven evaluation transaction: one workspace's queued work taken, its segments brought up to date")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.isolation = isolation;
        this.evaluation = evaluation;
        this.config = config;
    }

    void onFlush(@Observes FlushCommitted committed) {
        wake();
    }

    void onProfiles(@Observes ProfilesChanged changed) {
        wake();
    }

    /**
     * After a short delay in which the flushes of concurrent requests gather (one evaluation then
     * serves them all), starts draining the workspaces with queued work that are not being drained
     * here already; a wake-up during a scan makes it go round once more.
     */
    public void wake() {
        wake(config.workDelay());
    }

    private void wake(Duration gather) {
        if (!scanning.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        vertx.setTimer(Math.max(1, gather.toMillis()), id -> pool.preparedQuery(QUEUED).execute()
                .subscribe().with(this::start, failure -> {
                    LOG.warnf("Looking for queued segment work failed; it stays for the next run: %s", failure.toString());
                    scanned();
                }));
    }

    private void start(RowSet<Row> queued) {
        List<Long> due = new ArrayList<>();
        queued.forEach(row -> due.add(row.getLong("workspace_id")));
        due.removeIf(inFlight::contains);
        due.sort(Comparator.comparingLong(ws -> lastServed.getOrDefault(ws, 0L)));
        int free = Math.max(0, config.workConcurrency() - inFlight.size());
        waiting.set(due.size() > free);
        for (long ws : due.subList(0, Math.min(free, due.size()))) {
            inFlight.add(ws);
            drainWorkspace(ws).subscribe().with(drained -> finished(ws, drained), failure -> finished(ws, Drained.NONE));
        }
        scanned();
    }

    private void scanned() {
        scanning.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }

    /**
     * A drain that took queued work is followed by another at once; one that deferred a busy
     * segment, after {@code busy-retry} (the lock is likely still held).
     */
    private void finished(long ws, Drained drained) {
        lastServed.put(ws, served.incrementAndGet());
        inFlight.remove(ws);
        if (drained.deferred()) {
            vertx.setTimer(Math.max(1, config.busyRetry().toMillis()), id -> wake());
        }
        // The flushes that committed during this drain have gathered meanwhile: the next one starts at once.
        if (drained.rows() > 0 && !drained.deferred() || waiting.getAndSet(false)) {
            wake(Duration.ZERO);
        }
    }

    /** Drains each workspace with queued work once, one after another; returns how many queue rows it took. */
    public Uni<Integer> drainOnce() {
        return pool.preparedQuery(QUEUED).execute().chain(rows -> {
            Uni<Integer> total = Uni.createFrom().item(0);
            for (Row row : rows) {
                long ws = row.getLong("workspace_id");
                total = total.chain(n -> drainWorkspace(ws).map(drained -> n + drained.rows()));
            }
            return total;
        });
    }

    /**
     * Evaluates one batch of one workspace's queued work in one transaction; returns how many queue
     * rows it took (kept, when a failed segment is to be retried). A failure of the transaction
     * itself leaves the rows for the next run.
     */
    private Uni<Drained> drainWorkspace(long workspaceId) {
        Timer.Sample sample = Timer.start();
        return SegmentIsolation.transaction(pool, conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1, $2) AS locked")
                        .execute(Tuple.of(WORK_LOCK_CLASS, (int) workspaceId))
                        .chain(locked -> !locked.iterator().next().getBoolean("locked") ? Uni.createFrom().item(Drained.NONE)
                                : conn.preparedQuery(CLAIM).execute(Tuple.of(workspaceId, config.workBatch()))
                                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(Drained.NONE) : process(conn, workspaceId, rows))))
                .invoke(drained -> {
                    if (drained.rows() > 0) {
                        sample.stop(batches);
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Segment evaluation of workspace %d failed; its queued work stays for the next run: %s",
                            workspaceId, failure.toString());
                    return Drained.NONE;
                });
    }

    /**
     * Evaluates the claimed rows' segments, records failures, then deletes the rows — after queueing
     * again, in this transaction, the entries of the segments that were busy (their lock held by a
     * sweep or a recompute), so that they are evaluated by a later drain and not lost.
     */
    private Uni<Drained> process(SqlConnection conn, long workspaceId, RowSet<Row> rows) {
        Touched touched = new Touched();
        List<Long> ids = new ArrayList<>();
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            touched.add(row.getArrayOfLongs("usids"), row.getArrayOfLongs("event_ids"), row.getArrayOfStrings("names"),
                    row.getArrayOfOffsetDateTimes("occurred_ats"));
        }
        SegmentIsolation.Outcomes outcomes = new SegmentIsolation.Outcomes();
        return isolation.evaluable(conn, workspaceId, outcomes)
                .chain(active -> evaluation.evaluate(conn, workspaceId, active, touched, outcomes))
                .chain(() -> isolation.record(conn, outcomes))
                .chain(retry -> retry ? Uni.createFrom().item(false)
                        : requeue(conn, workspaceId, touched, outcomes.busy())
                        .call(() -> conn.preparedQuery("DELETE FROM segment_work WHERE workspace_id = $1 AND id = ANY($2)")
                                .execute(Tuple.of(workspaceId, ids.toArray(Long[]::new)))))
                .map(deferred -> new Drained(ids.size(), deferred));
    }

    /** Queues again the entries that made the busy segments' candidates; true when there were any. */
    private Uni<Boolean> requeue(SqlConnection conn, long workspaceId, Touched touched, List<LiveSegment> busy) {
        Set<Touched.Entry> entries = new LinkedHashSet<>();
        busy.forEach(segment -> entries.addAll(touched.sourcesOf(segment)));
        if (entries.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return conn.preparedQuery(REQUEUE).execute(Tuple.of(workspaceId,
                        entries.stream().map(Touched.Entry::usid).toArray(Long[]::new),
                        entries.stream().map(Touched.Entry::event).toArray(Long[]::new),
                        entries.stream().map(Touched.Entry::name).toArray(String[]::new),
                        entries.stream().map(Touched.Entry::occurredAt).toArray(OffsetDateTime[]::new)))
                .replaceWith(true);
    }
}
