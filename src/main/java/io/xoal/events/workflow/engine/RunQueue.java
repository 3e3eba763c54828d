package io.xoal.events.workflow.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.workflow.WorkflowConfig;
import io.xoal.events.workflow.definition.DefinitionReader;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The run queue's three set-based moves, each one statement that any replica may run at any time:
 * inbox rows become runs, runs whose lease expired are re-queued, due runs are claimed.
 * Concurrent replicas skip each other's locked rows ({@code FOR UPDATE SKIP LOCKED}).
 */
@ApplicationScoped
public class RunQueue {

    // A run per enrolment key: ON CONFLICT DO NOTHING also drops repeats within one batch.
    private static final String ENROL = """
            WITH taken AS (
              DELETE FROM workflow_inbox i
              USING (SELECT workspace_id, id FROM workflow_inbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) p
              WHERE i.workspace_id = p.workspace_id AND i.id = p.id
              RETURNING i.*)
            INSERT INTO workflow_runs (workspace_id, workflow_id, version, subject_id, enrol_key, state, step_id, due_at,
                                       context, entered_at)
            SELECT t.workspace_id, t.workflow_id, t.version, t.subject_id, t.enrol_key, 'ready', v.first_step, $2, t.payload, $2
            FROM taken t
            JOIN workflow_versions v ON v.workspace_id = t.workspace_id AND v.workflow_id = t.workflow_id AND v.version = t.version
            ORDER BY t.id
            ON CONFLICT (workspace_id, workflow_id, enrol_key) DO NOTHING""";

    private static final String RESCUE = """
            UPDATE workflow_runs r SET state = 'ready', lease_token = NULL, lease_until = NULL, leased_by = NULL
            FROM (SELECT workspace_id, id FROM workflow_runs WHERE state = 'running' AND lease_until < $1
                  LIMIT $2 FOR UPDATE SKIP LOCKED) c
            WHERE r.workspace_id = c.workspace_id AND r.id = c.id""";

    private static final String CLAIM = """
            UPDATE workflow_runs r
            SET state = 'running', attempt = r.attempt + 1, lease_token = gen_random_uuid(), lease_until = $3, leased_by = $4
            FROM (SELECT workspace_id, id FROM workflow_runs WHERE state = 'ready' AND due_at <= $1
                  ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED) c,
                 workflow_versions v, workflows w
            WHERE r.workspace_id = c.workspace_id AND r.id = c.id
              AND v.workspace_id = r.workspace_id AND v.workflow_id = r.workflow_id AND v.version = r.version
              AND w.workspace_id = r.workspace_id AND w.id = r.workflow_id
            RETURNING r.workspace_id, r.id, r.workflow_id, r.subject_id, r.step_id, r.step_seq, r.attempt, r.lease_token,
                      r.context::text AS context, v.definition::text AS definition, w.secret""";

    private final Pool pool;
    private final WorkflowConfig config;
    private final ObjectMapper mapper;
    private final String replica = UUID.randomUUID().toString();

    public RunQueue(Pool pool, WorkflowConfig config, ObjectMapper mapper) {
        this.pool = pool;
        this.config = config;
        this.mapper = mapper;
    }

    /** Moves a batch of inbox rows to runs; the answer is how many inbox rows were taken. */
    public Uni<Integer> enrol(Instant now) {
        return pool.preparedQuery(ENROL).execute(Tuple.of(config.batch(), Instants.utc(now))).map(rows -> rows.rowCount());
    }

    public Uni<Integer> rescue(Instant now) {
        return pool.preparedQuery(RESCUE).execute(Tuple.of(Instants.utc(now), config.batch())).map(rows -> rows.rowCount());
    }

    /** Claims up to a batch of due runs for this replica, each under a fresh lease token. */
    public Uni<List<ClaimedRun>> claim(Instant now) {
        Tuple args = Tuple.of(Instants.utc(now), config.batch(), Instants.utc(now.plus(config.lease())), replica);
        return pool.preparedQuery(CLAIM).execute(args)
                .map(rows -> rows.stream().map(row -> run(row, now)).toList());
    }

    private ClaimedRun run(Row row, Instant now) {
        try {
            return new ClaimedRun(row.getLong("workspace_id"), row.getLong("id"), row.getLong("workflow_id"),
                    row.getLong("subject_id"), row.getString("step_id"), row.getInteger("step_seq"), row.getInteger("attempt"),
                    row.getUUID("lease_token"), now, row.getString("context"),
                    DefinitionReader.read(mapper.readTree(row.getString("definition"))),
                    row.getBuffer("secret").getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
