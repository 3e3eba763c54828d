package io.xoal.events.workflow.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.error.FieldError;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.segment.definition.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Signals in the inbox → runs transaction: a batch of {@code workflow_signals} is taken
 * ({@code DELETE … SKIP LOCKED}); first goals — the customer's active runs (ready, running,
 * waiting) whose version's goal event it is and whose {@code where} it passes, or whose goal is the
 * segment the signal entered ({@link LedgerEnrolment}), become
 * {@code exited}, lease cleared, so that an attempt in flight records nothing; then waits —
 * the customer's runs waiting for that event name (and the trigger's value of the match property)
 * move to their {@code next} step, due now. Each change writes its step-log row in the same statement.
 */
final class SignalIntake {

    private static final String TAKE = """
            DELETE FROM workflow_signals s
            USING (SELECT workspace_id, id FROM workflow_signals ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) p
            WHERE s.workspace_id = p.workspace_id AND s.id = p.id
            RETURNING s.workspace_id, s.subject_id, s.event_id, s.name, s.payload::text AS payload, s.segment_id, s.transition_id""";

    private static final String SIGNALS = "unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], "
            + "$7::bigint[]) AS t(w, s, ev, n, p, seg, tr)";

    private static final String GOALS = """
            SELECT r.workspace_id, r.id, t.ev, t.tr, t.p, r.workspace_id || '/' || r.workflow_id || '/' || r.version AS version_key,
                   (v.definition #> '{goal,where}')::text AS goal_where
            FROM %s
            JOIN workflow_runs r ON r.workspace_id = t.w AND r.subject_id = t.s AND r.state IN ('ready', 'running', 'waiting')
            JOIN workflow_versions v ON v.workspace_id = r.workspace_id AND v.workflow_id = r.workflow_id AND v.version = r.version
            WHERE v.definition #>> '{goal,event}' = t.n OR v.goal_segment_id = t.seg""".formatted(SIGNALS);

    private static final String EXIT = """
            WITH x AS (
              UPDATE workflow_runs r SET state = 'exited', exit_reason = 'goal', finished_at = $4, lease_token = NULL,
                                         lease_until = NULL, leased_by = NULL, wait_name = NULL, wait_match = NULL
              FROM (SELECT DISTINCT ON (w, id) w, id, ev, tr
                    FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $5::bigint[]) AS t(w, id, ev, tr)
                    ORDER BY w, id, ev, tr) t
              WHERE r.workspace_id = t.w AND r.id = t.id AND r.state IN ('ready', 'running', 'waiting')
              RETURNING r.workspace_id, r.id, r.step_seq, r.attempt, r.step_id, t.ev, t.tr)
            INSERT INTO workflow_step_log (workspace_id, run_id, step_seq, attempt, step_id, started_at, finished_at, outcome, detail)
            SELECT workspace_id, id, step_seq, attempt + 1, step_id, $4, $4, 'goal',
                   jsonb_strip_nulls(jsonb_build_object('event_id', ev, 'transition_id', tr)) FROM x""";

    // The first matching signal of the batch wakes a run; a wait with a match property needs the
    // trigger to have had a value, and the event the same one.
    private static final String WAKE = """
            WITH m AS (
              SELECT DISTINCT ON (r.workspace_id, r.id) r.workspace_id, r.id, r.step_seq, r.attempt, r.step_id, t.ev
              FROM %s
              JOIN workflow_runs r ON r.workspace_id = t.w AND r.subject_id = t.s AND r.state = 'waiting' AND r.wait_name = t.n
              WHERE r.wait_match ->> 'property' IS NULL
                 OR (jsonb_typeof(r.wait_match -> 'value') <> 'null'
                     AND t.p::jsonb -> 'properties' -> (r.wait_match ->> 'property') = r.wait_match -> 'value')
              ORDER BY r.workspace_id, r.id, t.ev),
            x AS (
              UPDATE workflow_runs r SET state = 'ready', step_id = r.wait_match ->> 'next', step_seq = r.step_seq + 1, attempt = 0,
                                         due_at = $8, wait_name = NULL, wait_match = NULL
              FROM m WHERE r.workspace_id = m.workspace_id AND r.id = m.id AND r.state = 'waiting'
              RETURNING m.*)
            INSERT INTO workflow_step_log (workspace_id, run_id, step_seq, attempt, step_id, started_at, finished_at, outcome, detail)
            SELECT workspace_id, id, step_seq, attempt + 1, step_id, $8, $8, 'matched', jsonb_build_object('event_id', ev) FROM x"""
            .formatted(SIGNALS);

    /** An event ({@code eventId}, {@code name}) or a segment entry ({@code segmentId}, {@code transitionId}) of a customer. */
    private record Signal(long workspaceId, long subjectId, Long eventId, String name, String payload, Long segmentId,
                          Long transitionId) {
    }

    private record GoalHit(long workspaceId, long runId, Long eventId, Long transitionId, String payload, String versionKey,
                           List<Node.Filter> where) {
    }

    private SignalIntake() {
    }

    /** Takes up to {@code batch} signals; the answer is how many. */
    static Uni<Integer> apply(SqlConnection conn, Instant now, int batch, ObjectMapper mapper) {
        return conn.preparedQuery(TAKE).execute(Tuple.of(batch))
                .map(rows -> rows.stream().map(SignalIntake::signal).toList())
                .chain(signals -> signals.isEmpty()
                        ? Uni.createFrom().item(0)
                        : goals(conn, signals, now, mapper)
                                .chain(() -> conn.preparedQuery(WAKE).execute(signalArgs(signals).addValue(Instants.utc(now))))
                                .replaceWith(signals.size()));
    }

    private static Uni<Void> goals(SqlConnection conn, List<Signal> signals, Instant now, ObjectMapper mapper) {
        return conn.preparedQuery(GOALS).execute(signalArgs(signals))
                .map(rows -> rows.stream().map(row -> goalHit(row, mapper)).toList())
                .chain(hits -> PropertyFilter.matching(conn, hits, hit -> new PropertyFilter.Item(hit.versionKey(), hit.payload(),
                        hit.where()), now))
                .chain(hits -> hits.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : conn.preparedQuery(EXIT).execute(Tuple.of(
                                        hits.stream().map(GoalHit::workspaceId).toArray(Long[]::new),
                                        hits.stream().map(GoalHit::runId).toArray(Long[]::new),
                                        hits.stream().map(GoalHit::eventId).toArray(Long[]::new),
                                        Instants.utc(now),
                                        hits.stream().map(GoalHit::transitionId).toArray(Long[]::new)))
                                .replaceWithVoid());
    }

    private static Tuple signalArgs(List<Signal> signals) {
        return Tuple.tuple(List.of(signals.stream().map(Signal::workspaceId).toArray(Long[]::new),
                signals.stream().map(Signal::subjectId).toArray(Long[]::new),
                signals.stream().map(Signal::eventId).toArray(Long[]::new),
                signals.stream().map(Signal::name).toArray(String[]::new),
                signals.stream().map(Signal::payload).toArray(String[]::new),
                signals.stream().map(Signal::segmentId).toArray(Long[]::new),
                signals.stream().map(Signal::transitionId).toArray(Long[]::new)));
    }

    private static Signal signal(Row row) {
        return new Signal(row.getLong("workspace_id"), row.getLong("subject_id"), row.getLong("event_id"), row.getString("name"),
                row.getString("payload"), row.getLong("segment_id"), row.getLong("transition_id"));
    }

    /** A stored goal's filters: they were valid when saved, so reading them again finds no error. */
    private static GoalHit goalHit(Row row, ObjectMapper mapper) {
        String where = row.getString("goal_where");
        try {
            List<Node.Filter> filters = where == null ? List.of()
                    : DefinitionParser.where(mapper.readTree(where), "/goal/where", new ArrayList<FieldError>());
            return new GoalHit(row.getLong("workspace_id"), row.getLong("id"), row.getLong("ev"), row.getLong("tr"), row.getString("p"),
                    row.getString("version_key"), filters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
