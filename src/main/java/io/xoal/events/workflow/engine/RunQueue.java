package io.xoal.events.workflow.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.common.TableStatistics;
import io.xoal.events.workflow.WorkflowConfig;
import io.xoal.events.workflow.definition.DefinitionReader;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The run queue's three set-based moves, which any replica may run at any time: inbox rows
 * become runs (one transaction), runs whose lease expired are re-queued, due runs are claimed.
 * Concurrent replicas skip each other's locked rows ({@code FOR UPDATE SKIP LOCKED}).
 */
@ApplicationScoped
public class RunQueue {

    private static final String TAKE = """
            DELETE FROM workflow_inbox i
            USING (SELECT workspace_id, id FROM workflow_inbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) p, workflow_versions v
            WHERE i.workspace_id = p.workspace_id AND i.id = p.id
              AND v.workspace_id = i.workspace_id AND v.workflow_id = i.workflow_id AND v.version = i.version
            RETURNING i.id, i.workspace_id, i.workflow_id, i.version, i.subject_id, i.enrol_key, i.payload::text AS payload,
                      v.definition::text AS definition""";

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
    private final TableStatistics statistics;
    private final String replica = UUID.randomUUID().toString();

    public RunQueue(Pool pool, WorkflowConfig config, ObjectMapper mapper, TableStatistics statistics) {
        this.statistics = statistics;
        this.pool = pool;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * Moves a batch of inbox rows to runs, in one transaction: first a batch of signals applies goals
     * and wakes waits ({@link SignalIntake}), then the inbox rows are deleted, and those whose event
     * passes the trigger's filters become runs as their re-entry policy and cap admit them
     * ({@link RunAdmission}). The answer is how many inbox rows were taken. Once committed, many new
     * runs refresh the table's statistics ({@link TableStatistics}): admission's key probe needs them.
     */
    public Uni<Integer> enrol(Instant now) {
        return pool.withTransaction(conn -> SignalIntake.apply(conn, now, config.batch(), mapper)
                .chain(() -> conn.preparedQuery(TAKE).execute(Tuple.of(config.batch())))
                .map(rows -> rows.stream().map(this::inboxRow).toList())
                .chain(taken -> TriggerFilter.matching(conn, taken, now)
                        .chain(kept -> RunAdmission.admit(conn, kept.stream().map(InboxRow::candidate).toList(), now))
                        .map(admitted -> new Enrolled(taken.size(), admitted.size()))))
                .call(enrolled -> statistics.afterBulkChange("workflow_runs", enrolled.admitted()))
                .map(Enrolled::taken);
    }

    /** What one inbox batch came to: rows taken, runs admitted. */
    private record Enrolled(int taken, int admitted) {
    }

    /** Re-queues runs whose lease expired, and moves waits whose timeout passed on to their timeout edge. */
    public Uni<Integer> rescue(Instant now) {
        return pool.preparedQuery(RESCUE).execute(Tuple.of(Instants.utc(now), config.batch())).map(rows -> rows.rowCount())
                .call(() -> WaitTimeouts.sweep(pool, now, config.batch()));
    }

    /** Claims up to a batch of due runs for this replica, each under a fresh lease token. */
    public Uni<List<ClaimedRun>> claim(Instant now) {
        Tuple args = Tuple.of(Instants.utc(now), config.batch(), Instants.utc(now.plus(config.lease())), replica);
        return pool.preparedQuery(CLAIM).execute(args)
                .map(rows -> rows.stream().map(row -> run(row, now)).toList());
    }

    private ClaimedRun run(Row row, Instant now) {
        return new ClaimedRun(row.getLong("workspace_id"), row.getLong("id"), row.getLong("workflow_id"),
                row.getLong("subject_id"), row.getString("step_id"), row.getInteger("step_seq"), row.getInteger("attempt"),
                row.getUUID("lease_token"), now, row.getString("context"), definition(row.getString("definition")),
                row.getBuffer("secret").getBytes());
    }

    private InboxRow inboxRow(Row row) {
        return new InboxRow(row.getLong("id"), row.getLong("workspace_id"), row.getLong("workflow_id"), row.getInteger("version"),
                row.getLong("subject_id"), row.getString("enrol_key"), row.getString("payload"),
                definition(row.getString("definition")));
    }

    /** A stored definition: it was valid when saved, so reading it again cannot fail on the user's input. */
    private WorkflowDefinition definition(String json) {
        try {
            return DefinitionReader.read(mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
