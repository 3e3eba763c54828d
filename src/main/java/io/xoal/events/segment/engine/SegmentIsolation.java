package io.xoal.events.segment.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.SegmentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.xoal.events.common.Instants.utc;

/**
 * Makes one segment's evaluation fail alone: it runs in its own savepoint of the caller's
 * transaction, with a statement time limit, so that a failure is rolled back to there and the
 * transaction goes on with the other segments (and the queued work is still consumed). Failures in
 * a row are counted on the segment, for its version; after {@code evaluation-max-failures} the
 * segment is {@code failed} and skipped ({@link #SKIPPED}) until it is changed. A definition that
 * no longer parses (saved by an older version) is failed at once.
 */
@ApplicationScoped
public class SegmentIsolation {

    private static final Logger LOG = Logger.getLogger(SegmentIsolation.class);

    /** SQL condition on a {@code segments} row: it failed too often at its current version. */
    public static final String SKIPPED = "(evaluation_state = 'failed' AND evaluation_version IS NOT DISTINCT FROM version)";

    private static final String LOAD = "SELECT id, workspace_id, version, definition::text AS definition, evaluation_failures > 0"
            + " AND evaluation_version IS NOT DISTINCT FROM version AS failing FROM segments"
            + " WHERE workspace_id = $1 AND status = 'active' AND NOT " + SKIPPED + " ORDER BY id";

    private static final String FAILED = """
            UPDATE segments SET
              evaluation_failures = CASE WHEN $4 THEN $5 WHEN evaluation_version = version THEN evaluation_failures + 1 ELSE 1 END,
              evaluation_state = CASE WHEN $4 OR CASE WHEN evaluation_version = version THEN evaluation_failures + 1 ELSE 1 END >= $5
                THEN 'failed' ELSE 'failing' END,
              evaluation_version = version, evaluation_error = $2, evaluation_failed_at = $3
            WHERE id = $1 AND version = $6
            RETURNING evaluation_state""";

    private static final String RECOVERED = """
            UPDATE segments SET evaluation_state = 'ok', evaluation_failures = 0, evaluation_error = NULL, evaluation_failed_at = NULL
            WHERE id = ANY($1) AND evaluation_failures > 0""";

    private final LiveSegments segments;
    private final SegmentConfig config;
    private final Clock clock;

    public SegmentIsolation(LiveSegments segments, SegmentConfig config, Clock clock) {
        this.segments = segments;
        this.config = config;
        this.clock = clock;
    }

    /** What one transaction's evaluations came to: recorded on the segments at its end, by {@link #record}. */
    public static final class Outcomes {
        private final Map<Long, Failure> failures = new LinkedHashMap<>();
        private final List<Long> recovered = new ArrayList<>();
        private final List<Long> failing = new ArrayList<>();
        private final List<LiveSegment> busy = new ArrayList<>();

        record Failure(int version, String error, boolean permanent) {
        }

        boolean failed(long segmentId) {
            return failures.containsKey(segmentId);
        }

        /** Whether the segment had failed at its current version before this transaction. */
        boolean isFailing(long segmentId) {
            return failing.contains(segmentId);
        }

        /** The segments whose lock another evaluation held, so that they were not evaluated. */
        List<LiveSegment> busy() {
            return busy;
        }
    }

    /**
     * Runs {@code work} in a transaction of its own (BEGIN … COMMIT as plain statements): the
     * client's transaction API rolls a transaction back at its first failed statement, even one
     * rolled back to a savepoint.
     */
    public static <T> Uni<T> transaction(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(conn -> conn.query("BEGIN").execute()
                .chain(() -> work.apply(conn))
                .call(() -> conn.query("COMMIT").execute())
                .onFailure().call(() -> conn.query("ROLLBACK").execute().onFailure().recoverWithNull()));
    }

    /** The workspace's active segments that are not skipped, parsed, in dependency order; a row that does not parse is failed. */
    public Uni<List<LiveSegment>> evaluable(SqlConnection conn, long workspaceId, Outcomes outcomes) {
        return conn.preparedQuery(LOAD).execute(Tuple.of(workspaceId)).map(rows -> {
            List<LiveSegment> live = new ArrayList<>();
            for (Row row : rows) {
                LiveSegment segment = parsed(row, outcomes);
                if (segment != null) {
                    live.add(segment);
                }
                if (segment != null && row.getBoolean("failing")) {
                    outcomes.failing.add(segment.id());
                }
            }
            return LiveSegments.dependencyOrder(live);
        });
    }

    /** The segment of a row with id, workspace_id, version and definition; null (and failed) when it does not parse. */
    public LiveSegment parsed(Row row, Outcomes outcomes) {
        try {
            return segments.of(row);
        } catch (RuntimeException e) {
            outcomes.failures.put(row.getLong("id"), new Outcomes.Failure(row.getInteger("version"), describe(e), true));
            return null;
        }
    }

    /**
     * Opens the segment's savepoint, takes the segment's evaluation lock when {@code lock} if it is
     * free, and sets the time limit, in one round trip; then runs {@code work} under the limit. True
     * when it succeeded. A lock that another evaluation holds (a sweep, a recompute) is not waited
     * for: the segment is noted as busy in {@code outcomes} and {@code work} does not run. A failure
     * is rolled back to the savepoint (and the limit with it) and noted in {@code outcomes}. The
     * savepoint is not released: the next segment's nests in it, and a rollback goes to the latest.
     * The limit stays set for the rest of the transaction.
     */
    public Uni<Boolean> run(SqlConnection conn, LiveSegment segment, Outcomes outcomes, boolean lock, Supplier<Uni<?>> work) {
        String limit = "SET LOCAL statement_timeout = " + config.evaluationTimeout().toMillis();
        Uni<Boolean> opened = !lock ? conn.query("SAVEPOINT segment; " + limit).execute().replaceWith(true)
                : conn.query("SAVEPOINT segment; SELECT pg_try_advisory_xact_lock(" + SegmentEvaluator.LOCK_CLASS + ", "
                        + (int) segment.id() + ") AS locked; " + limit).execute().map(SegmentIsolation::locked);
        return opened.chain(free -> {
            if (!free) {
                outcomes.busy.add(segment);
                return Uni.createFrom().item(false);
            }
            return work.get()
                    .map(done -> {
                        if (outcomes.failing.contains(segment.id())) {
                            outcomes.recovered.add(segment.id());
                        }
                        return true;
                    })
                    .onFailure().recoverWithUni(failure -> conn.query("ROLLBACK TO SAVEPOINT segment").execute()
                            .map(rolledBack -> {
                                LOG.warnf("Evaluation of segment %d failed: %s", segment.id(), describe(failure));
                                outcomes.failures.put(segment.id(), new Outcomes.Failure(segment.version(), describe(failure), false));
                                return false;
                            }));
        });
    }

    /** The answer of the try-lock among the results of a multi-statement query. */
    private static boolean locked(RowSet<Row> results) {
        for (RowSet<Row> result = results; result != null; result = result.next()) {
            if (result.columnsNames() != null && result.columnsNames().contains("locked")) {
                return result.iterator().next().getBoolean("locked");
            }
        }
        throw new IllegalStateException("the try-lock gave no answer");
    }

    /**
     * Ends the time limit, then writes the failures and recoveries on the segments (row locks
     * last, after every advisory lock of the transaction); true when a segment failed that is
     * retried (not yet failed).
     */
    public Uni<Boolean> record(SqlConnection conn, Outcomes outcomes) {
        Uni<Boolean> retry = conn.query("SET LOCAL statement_timeout TO DEFAULT").execute().replaceWith(false);
        if (!outcomes.recovered.isEmpty()) {
            retry = retry.chain(() -> conn.preparedQuery(RECOVERED).execute(Tuple.of(outcomes.recovered.toArray(Long[]::new))))
                    .replaceWith(false);
        }
        for (Map.Entry<Long, Outcomes.Failure> entry : outcomes.failures.entrySet()) {
            Outcomes.Failure failure = entry.getValue();
            retry = retry.chain(again -> conn.preparedQuery(FAILED)
                    .execute(Tuple.from(List.of(entry.getKey(), failure.error(), utc(clock.instant()), failure.permanent(),
                            config.evaluationMaxFailures(), failure.version())))
                    .map(rows -> again || rows.iterator().hasNext() && "failing".equals(rows.iterator().next().getString("evaluation_state"))));
        }
        return retry;
    }

    private static String describe(Throwable failure) {
        if (failure instanceof ProblemException problem && problem.errors() != null && !problem.errors().isEmpty()) {
            return problem.getMessage() + ": " + problem.errors().stream().map(e -> e.field() + " " + e.message())
                    .collect(Collectors.joining("; "));
        }
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}
