package io.xoal.events.workflow.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Candidates become runs under their version's re-entry policy and cap, decided atomically by ONE
 * upsert of the customer's {@code workflow_subjects} row per candidate: {@code ON CONFLICT DO
 * UPDATE … WHERE <policy>}, whose row lock serialises concurrent enrolments of one customer in one
 * workflow across replicas; the runs are inserted for the rows it admitted, in the same statement.
 * A row can be changed once per statement, so a customer with several candidates for one workflow
 * in a batch is admitted in rounds, one candidate each, in order. A key that already has a run is
 * skipped (not counted); one that a concurrent transaction inserts at the same moment fails the
 * statement with a unique violation, and the caller's transaction is retried whole.
 */
public final class RunAdmission {

    /** One would-be run: its enrolment key, the step it starts at and its trigger event (jsonb text). */
    public record Candidate(long workspaceId, long workflowId, int version, long subjectId, String enrolKey, String firstStep,
                            String context) {
    }

    /** A run the statement inserted. */
    public record Admitted(long runId, long workspaceId, long workflowId, String enrolKey) {
    }

    static final String ADMIT = """
            WITH c AS (
              SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[])
                   WITH ORDINALITY AS t(w, f, v, s, k, st, c, n)),
            fresh AS (
              SELECT * FROM c WHERE NOT EXISTS (SELECT 1 FROM workflow_runs r
                                                WHERE r.workspace_id = c.w AND r.workflow_id = c.f AND r.enrol_key = c.k)),
            admitted AS (
              INSERT INTO workflow_subjects AS x (workspace_id, workflow_id, subject_id, version, entries, active, last_entered_at)
              SELECT w, f, s, v, 1, 1, $8 FROM fresh ORDER BY w, f, s
              ON CONFLICT (workspace_id, workflow_id, subject_id) DO UPDATE
                SET version = excluded.version, entries = x.entries + 1, active = x.active + 1,
                    last_entered_at = excluded.last_entered_at
                WHERE EXISTS (SELECT 1 FROM workflow_versions p
                              WHERE p.workspace_id = excluded.workspace_id AND p.workflow_id = excluded.workflow_id
                                AND p.version = excluded.version
                                AND (p.max_active IS NULL OR x.active < p.max_active)
                                AND CASE p.reentry WHEN 'once' THEN x.entries = 0
                                                   WHEN 'interval' THEN x.last_entered_at <= excluded.last_entered_at - p.reentry_interval
                                                   ELSE true END)
              RETURNING workspace_id, workflow_id, subject_id)
            INSERT INTO workflow_runs (workspace_id, workflow_id, version, subject_id, enrol_key, state, step_id, due_at,
                                       context, entered_at)
            SELECT f.w, f.f, f.v, f.s, f.k, 'ready', f.st, $8, f.c::jsonb, $8
            FROM fresh f JOIN admitted a ON a.workspace_id = f.w AND a.workflow_id = f.f AND a.subject_id = f.s
            ORDER BY f.n
            RETURNING id, workspace_id, workflow_id, enrol_key""";

    private RunAdmission() {
    }

    /** The runs admitted of {@code candidates} (a repeated key counts once: the first). */
    public static Uni<List<Admitted>> admit(SqlClient client, List<Candidate> candidates, Instant now) {
        List<Admitted> admitted = new ArrayList<>();
        Uni<Void> rounds = Uni.createFrom().voidItem();
        for (List<Candidate> round : rounds(candidates)) {
            rounds = rounds.chain(() -> client.preparedQuery(ADMIT).execute(args(round, now)))
                    .invoke(rows -> rows.forEach(row -> admitted.add(new Admitted(row.getLong("id"), row.getLong("workspace_id"),
                            row.getLong("workflow_id"), row.getString("enrol_key")))))
                    .replaceWithVoid();
        }
        return rounds.replaceWith(admitted);
    }

    /** Round i holds the i-th candidate of each customer and workflow, after dropping repeated keys. */
    private static List<List<Candidate>> rounds(List<Candidate> candidates) {
        Set<String> keys = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<Integer, List<Candidate>> rounds = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (keys.add(c.workspaceId() + "/" + c.workflowId() + "/" + c.enrolKey())) {
                int round = seen.merge(c.workspaceId() + "/" + c.workflowId() + "/" + c.subjectId(), 1, Integer::sum);
                rounds.computeIfAbsent(round, r -> new ArrayList<>()).add(c);
            }
        }
        return List.copyOf(rounds.values());
    }

    private static Tuple args(List<Candidate> rows, Instant now) {
        return Tuple.tuple(List.of(
                rows.stream().map(Candidate::workspaceId).toArray(Long[]::new),
                rows.stream().map(Candidate::workflowId).toArray(Long[]::new),
                rows.stream().map(Candidate::version).toArray(Integer[]::new),
                rows.stream().map(Candidate::subjectId).toArray(Long[]::new),
                rows.stream().map(Candidate::enrolKey).toArray(String[]::new),
                rows.stream().map(Candidate::firstStep).toArray(String[]::new),
                rows.stream().map(Candidate::context).toArray(String[]::new),
                Instants.utc(now)));
    }
}
