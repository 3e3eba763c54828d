package io.xoal.events.segment.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.segment.SegmentConfig;
import io.xoal.events.workflow.engine.LedgerEnrolment;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.Instants.utc;

/**
 * Writes the answers that the touching events decided ({@link EventProof}) for all of one drain's
 * segments in ONE statement: the members who enter (an existing customer, not yet a member) and
 * leave, their transitions in the ledger with the deciding event as the cause, the workflows they
 * start or reach ({@link LedgerEnrolment}), and the queue rows for the segments that read these
 * ({@code in_segment}), as {@link SegmentEvaluator} writes an evaluation's. The statement runs in
 * its own savepoint under the evaluation time limit; if it fails, nothing of it stays and
 * the caller evaluates those customers with each segment's statement instead.
 */
@ApplicationScoped
class DecidedTransitions {

    private static final Logger LOG = Logger.getLogger(DecidedTransitions.class);

    private static final String WRITE = """
            WITH d AS MATERIALIZED (
              SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::boolean[]) AS d(segment_id, usid, cause, enter)),
            entered AS (INSERT INTO segment_members (workspace_id, segment_id, usid, since, cause)
              SELECT $5, d.segment_id, d.usid, $6, d.cause FROM d
              WHERE d.enter AND EXISTS (SELECT 1 FROM customers x WHERE x.workspace_id = $5 AND x.usid = d.usid)
              ON CONFLICT DO NOTHING RETURNING segment_id, usid, cause),
            gone AS (DELETE FROM segment_members sm USING d
              WHERE NOT d.enter AND sm.workspace_id = $5 AND sm.segment_id = d.segment_id AND sm.usid = d.usid
              RETURNING sm.segment_id, sm.usid, d.cause),
            ledger AS (INSERT INTO segment_transitions (workspace_id, segment_id, usid, entered, at, cause)
              SELECT $5, segment_id, usid, true, $6, cause FROM entered
              UNION ALL SELECT $5, segment_id, usid, false, $6, cause FROM gone
              RETURNING id, workspace_id, segment_id, usid, entered, at, cause),
            """ + LedgerEnrolment.ctes("ledger") + """
            ,
            told AS (INSERT INTO segment_work (workspace_id, usids, event_ids, names, created_at)
              SELECT $5, array_agg(x.usid), array_agg(-x.segment_id), array_agg(NULL::text), now()
              FROM (SELECT segment_id, usid FROM entered UNION ALL SELECT segment_id, usid FROM gone) x
              WHERE EXISTS (SELECT 1 FROM segments s WHERE s.workspace_id = $5 AND s.status = 'active'
                            AND s.depends_on @> ARRAY[x.segment_id])
              HAVING count(*) > 0)
            SELECT (SELECT count(*) FROM entered) AS entered, (SELECT count(*) FROM gone) AS left""";

    /** One decided answer: the customer should be a member ({@code enter}) or not, because of {@code cause}. */
    record Decision(long usid, boolean enter, String cause) {
    }

    private final SegmentConfig config;

    DecidedTransitions(SegmentConfig config) {
        this.config = config;
    }

    /**
     * Writes {@code decided} (segment → its decisions, each of which changes a membership; the
     * caller holds the segments' locks); completes with the segments whose decisions were not
     * written because the statement failed (to be evaluated by their own statements).
     */
    Uni<List<LiveSegment>> write(SqlConnection conn, long workspaceId, Map<LiveSegment, List<Decision>> decided, Instant now) {
        if (decided.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<LiveSegment> segments = List.copyOf(decided.keySet());
        List<Long> ids = new ArrayList<>();
        List<Long> usids = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        List<Boolean> enter = new ArrayList<>();
        for (LiveSegment segment : segments) {
            for (Decision decision : decided.get(segment)) {
                ids.add(segment.id());
                usids.add(decision.usid());
                causes.add(decision.cause());
                enter.add(decision.enter());
            }
        }
        Tuple args = Tuple.of(ids.toArray(Long[]::new), usids.toArray(Long[]::new), causes.toArray(String[]::new),
                enter.toArray(Boolean[]::new), workspaceId, utc(now));
        return conn.query("SAVEPOINT decided; SET LOCAL statement_timeout = " + config.evaluationTimeout().toMillis()).execute()
                .chain(() -> conn.preparedQuery(WRITE).execute(args))
                .replaceWith(List.<LiveSegment>of())
                .onFailure().recoverWithUni(failure -> conn.query("ROLLBACK TO SAVEPOINT decided").execute().map(rolledBack -> {
                    LOG.warnf("Writing the answers the events decided for segments %s failed; their statements evaluate them: %s",
                            ids.stream().distinct().toList(), failure.toString());
                    return segments;
                }));
    }
}
