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

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Event-driven evaluation: after each committed ingest flush, takes the queued touched customers
 * ({@code segment_work}, SKIP LOCKED) and re-evaluates only them, only for the segments whose
 * conditions read those event names or profiles (and the segments that read those). The queue
 * rows are deleted in the evaluation's transaction: a crash leaves them for the next run.
 */
@ApplicationScoped
public class SegmentWorker {

    private static final Logger LOG = Logger.getLogger(SegmentWorker.class);

    private static final String CLAIM = """
            DELETE FROM segment_work WHERE id IN (
              SELECT id FROM segment_work ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING workspace_id, usids, event_ids, names""";

    private final Pool pool;
    private final Timer batches;
    private final Vertx vertx;
    private final LiveSegments segments;
    private final SegmentEvaluator evaluator;
    private final SegmentConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public SegmentWorker(Pool pool, LiveSegments segments, SegmentEvaluator evaluator, SegmentConfig config, Clock clock,
                         MeterRegistry registry, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
        this.batches = Timer.builder("xoal.segments.work.duration")
                .description("One event-driven evaluation transaction: queued work taken, segments brought up to date")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.segments = segments;
        this.evaluator = evaluator;
        this.config = config;
        this.clock = clock;
    }

    void onFlush(@Observes FlushCommitted committed) {
        wake();
    }

    void onProfiles(@Observes ProfilesChanged changed) {
        wake();
    }

    /**
     * Drains the queue in the background, after a short delay in which the flushes of concurrent
     * requests gather (one evaluation then serves them all); a wake-up during a drain makes it go
     * round once more.
     */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        vertx.setTimer(Math.max(1, config.workDelay().toMillis()), id -> drainOnce().subscribe().with(this::drained, failure -> {
            LOG.warnf("Segment evaluation failed; the queued work stays for the next run: %s", failure.toString());
            running.set(false);
        }));
    }

    private void drained(int rows) {
        running.set(false);
        if (rows > 0 || again.getAndSet(false)) {
            wake();
        }
    }

    /** Evaluates one batch of queued work in one transaction; returns how many queue rows it took. */
    public Uni<Integer> drainOnce() {
        Timer.Sample sample = Timer.start();
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM)
                        .execute(Tuple.of(config.workBatch()))
                        .call(rows -> process(conn, rows))
                        .map(RowSet::rowCount))
                .invoke(rows -> {
                    if (rows > 0) {
                        sample.stop(batches);
                    }
                });
    }

    private Uni<Void> process(SqlConnection conn, RowSet<Row> rows) {
        Map<Long, Touched> byWorkspace = new LinkedHashMap<>();
        for (Row row : rows) {
            byWorkspace.computeIfAbsent(row.getLong("workspace_id"), ws -> new Touched())
                    .add(row.getArrayOfLongs("usids"), row.getArrayOfLongs("event_ids"), row.getArrayOfStrings("names"));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Long, Touched> entry : byWorkspace.entrySet()) {
            chain = chain.chain(() -> segments.active(conn, entry.getKey())
                    .chain(active -> evaluate(conn, active, entry.getValue())));
        }
        return chain;
    }

    /**
     * Each segment is evaluated as of the moment its statement starts: flushes that commit
     * meanwhile are then (almost always) before it, and their own queued work follows anyway.
     */
    private Uni<Void> evaluate(SqlConnection conn, List<LiveSegment> active, Touched touched) {
        Map<Long, Map<Long, String>> evaluated = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LiveSegment segment : active) {
            Map<Long, String> candidates = touched.candidates(segment);
            segment.facts().dependsOn().forEach(dep -> evaluated.getOrDefault(dep, Map.of()).forEach(candidates::putIfAbsent));
            if (candidates.isEmpty()) {
                continue;
            }
            evaluated.put(segment.id(), candidates);
            chain = chain.chain(() -> evaluator.lock(conn, segment.id()))
                    .chain(() -> segment.facts().growsWithEvents()
                            ? withoutMembers(conn, segment.id(), candidates)
                            : Uni.createFrom().item(candidates))
                    .chain(remaining -> remaining.isEmpty() ? Uni.createFrom().voidItem()
                            : evaluator.candidates(conn, segment, remaining.keySet().toArray(Long[]::new),
                                    remaining.values().toArray(String[]::new), clock.instant()).replaceWithVoid());
        }
        return chain;
    }

    /** For a segment that events can only grow: its current members cannot leave on an event. */
    private static Uni<Map<Long, String>> withoutMembers(SqlConnection conn, long segmentId, Map<Long, String> candidates) {
        return conn.preparedQuery("SELECT usid FROM segment_members WHERE segment_id = $1 AND usid = ANY($2)")
                .execute(Tuple.of(segmentId, candidates.keySet().toArray(Long[]::new)))
                .map(members -> {
                    Map<Long, String> rest = new LinkedHashMap<>(candidates);
                    members.forEach(row -> rest.remove(row.getLong("usid")));
                    return rest;
                });
    }

    /**
     * The customers one workspace's queued work touched: by event name, the latest event of each,
     * and the customers who entered or left a segment outside this path (a row whose event id is
     * the segment's id negated, written by {@link SegmentEvaluator}).
     */
    private static final class Touched {
        private final Map<Long, Long> lastEvent = new LinkedHashMap<>();
        private final Map<String, Map<Long, Long>> byName = new HashMap<>();
        private final Map<Long, Set<Long>> bySegment = new HashMap<>();

        void add(Long[] usids, Long[] eventIds, String[] names) {
            for (int i = 0; i < usids.length; i++) {
                Long event = eventIds[i];
                if (event != null && event < 0) {
                    bySegment.computeIfAbsent(-event, s -> new LinkedHashSet<>()).add(usids[i]);
                    continue;
                }
                if (event != null || !lastEvent.containsKey(usids[i])) {
                    lastEvent.put(usids[i], event);
                }
                if (names[i] != null) {
                    byName.computeIfAbsent(names[i], n -> new HashMap<>()).put(usids[i], event);
                }
            }
        }

        /** usid → cause, for the customers this segment can change for. */
        Map<Long, String> candidates(LiveSegment segment) {
            Map<Long, String> candidates = new LinkedHashMap<>();
            for (long read : segment.facts().dependsOn()) {
                bySegment.getOrDefault(read, Set.of()).forEach(usid -> candidates.put(usid, "segment " + read));
            }
            if (segment.facts().everyTouchedCustomer()) {
                lastEvent.forEach((usid, event) -> candidates.put(usid, cause(event)));
            }
            for (String name : segment.facts().eventNames()) {
                byName.getOrDefault(name, Map.of()).forEach((usid, event) -> candidates.put(usid, cause(event)));
            }
            return candidates;
        }

        private static String cause(Long event) {
            return event == null ? "profile change" : "event " + event;
        }
    }
}
