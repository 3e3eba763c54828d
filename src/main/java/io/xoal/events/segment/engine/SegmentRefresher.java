package io.xoal.events.segment.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.TableStatistics;
import io.xoal.events.segment.SegmentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.xoal.events.common.Instants.utc;

/**
 * Recomputes a segment in full after its definition changed, in the background: one usid range
 * per transaction (under the segment's lock, so event-driven evaluations interleave), with the
 * progress on the segment. A replica claims a segment with SKIP LOCKED; a recompute whose
 * replica died (stale heartbeat) is taken over. A definition changed meanwhile restarts it. A
 * recompute that moved many members refreshes the table's statistics ({@link TableStatistics}).
 * While the replica ingests, it pauses between chunks ({@link RefreshPace}).
 */
@ApplicationScoped
public class SegmentRefresher {

    private static final Logger LOG = Logger.getLogger(SegmentRefresher.class);

    private static final String CLAIM = """
            UPDATE segments s SET refresh_state = 'running', refresh_version = s.version, refresh_percent = 0,
              refresh_started_at = $1, refresh_heartbeat = $1, refresh_finished_at = NULL, refresh_error = NULL, swept_until = NULL
            WHERE s.id = (
              SELECT id FROM segments WHERE status = 'active'
                AND (refresh_state = 'pending' OR (refresh_state IN ('running', 'failed') AND refresh_heartbeat < $2))
              ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING s.id, s.workspace_id, s.version, s.definition::text AS definition""";

    private static final String BOUNDS = "SELECT coalesce(min(usid), 0) AS lo, coalesce(max(usid), 0) AS hi FROM customers WHERE workspace_id = $1";

    private static final String PROGRESS = """
            UPDATE segments SET refresh_percent = $2, refresh_heartbeat = $3
            WHERE id = $1 AND refresh_state = 'running' AND refresh_version = $4 AND version = $4""";

    private static final String FINISH = """
            UPDATE segments SET refresh_state = 'done', refresh_percent = 100, refresh_finished_at = $2,
              swept_until = refresh_started_at
            WHERE id = $1 AND refresh_state = 'running' AND version = $3""";

    private static final String FAIL = "UPDATE segments SET refresh_state = 'failed', refresh_error = $2 WHERE id = $1 AND refresh_state = 'running'";

    private final Pool pool;
    private final LiveSegments segments;
    private final SegmentEvaluator evaluator;
    private final TableStatistics statistics;
    private final RefreshPace pace;
    private final SegmentConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    public SegmentRefresher(Pool pool, LiveSegments segments, SegmentEvaluator evaluator, TableStatistics statistics,
                            RefreshPace pace, SegmentConfig config, Clock clock) {
        this.pace = pace;
        this.pool = pool;
        this.segments = segments;
        this.evaluator = evaluator;
        this.statistics = statistics;
        this.config = config;
        this.clock = clock;
    }

    /** Starts recomputing what is pending, in the background (at most one loop per replica). */
    public void wake() {
        if (running.compareAndSet(false, true)) {
            refreshAll().subscribe().with(done -> running.set(false), failure -> {
                LOG.warnf("Segment recompute failed: %s", failure.toString());
                running.set(false);
            });
        }
    }

    /** Recomputes pending segments one after another until none is left; returns how many. */
    public Uni<Integer> refreshAll() {
        return refreshNext().chain(found -> found ? refreshAll().map(n -> n + 1) : Uni.createFrom().item(0));
    }

    /** Claims one pending segment and recomputes it; false when none was pending. */
    public Uni<Boolean> refreshNext() {
        Instant now = clock.instant();
        return pool.preparedQuery(CLAIM).execute(Tuple.of(utc(now), utc(now.minus(config.refreshStale()))))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = rows.iterator().next();
                    // A stored definition that no longer parses fails this recompute only, not the loop.
                    return Uni.createFrom().item(() -> segments.of(row))
                            .chain(this::recompute)
                            .onFailure().call(failure -> pool.preparedQuery(FAIL)
                                    .execute(Tuple.of(row.getLong("id"), failure.toString())))
                            .onFailure().recoverWithNull()
                            .replaceWith(true);
                });
    }

    /** The pause {@link RefreshPace} asks for after a chunk that took {@code took}, if any. */
    private Uni<Void> paused(Duration took) {
        Duration pause = pace.after(took);
        return pause.isZero() ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(pause);
    }

    private Uni<Void> recompute(LiveSegment segment) {
        return pool.preparedQuery(BOUNDS).execute(Tuple.of(segment.workspaceId())).chain(rows -> {
            Row row = rows.iterator().next();
            long lo = row.getLong("lo");
            long hi = row.getLong("hi");
            long chunks = Math.max(1, (hi - lo) / config.refreshChunk() + 1);
            return chunk(segment, lo, hi, 0, chunks, 0);
        });
    }

    /** Recomputes chunk {@code index} onwards; {@code changed}: members who entered or left in the chunks before. */
    private Uni<Void> chunk(LiveSegment segment, long lo, long hi, long index, long chunks, long changed) {
        if (index == chunks) {
            return pool.preparedQuery(FINISH).execute(Tuple.of(segment.id(), utc(clock.instant()), segment.version()))
                    .chain(() -> statistics.afterBulkChange("segment_members", changed));
        }
        long from = index == 0 ? Long.MIN_VALUE : lo + index * config.refreshChunk();
        long to = index == chunks - 1 ? Long.MAX_VALUE : lo + (index + 1) * config.refreshChunk() - 1;
        int percent = (int) ((index + 1) * 100 / chunks);
        // A recompute diffs whole sets: hash joins only (a nested loop over a large "matches" CTE,
        // which the planner may estimate small, would be quadratic).
        // The members moved by this chunk; -1 when the segment changed meanwhile (this recompute is over).
        long started = System.nanoTime();
        return pool.withTransaction(conn -> conn.query("SET LOCAL enable_nestloop = off").execute()
                        .chain(() -> evaluator.lock(conn, segment.id()))
                        .chain(() -> evaluator.range(conn, segment, from, to, "definition v" + segment.version(), clock.instant()))
                        .chain(result -> conn.preparedQuery(PROGRESS)
                                .execute(Tuple.of(segment.id(), percent, utc(clock.instant()), segment.version()))
                                .map(updated -> updated.rowCount() == 0 ? -1L : result.entered() + result.left())))
                .chain(moved -> moved < 0 ? Uni.createFrom().voidItem()
                        : paused(Duration.ofNanos(System.nanoTime() - started))
                        .chain(() -> chunk(segment, lo, hi, index + 1, chunks, changed + moved)));
    }

}
