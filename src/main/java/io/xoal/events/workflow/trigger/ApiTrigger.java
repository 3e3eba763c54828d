package io.xoal.events.workflow.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.xoal.events.common.Instants;
import io.xoal.events.error.ProblemException;
import io.xoal.events.workflow.engine.RunAdmission;
import io.xoal.events.workflow.run.RunReads;
import io.xoal.events.workflow.run.RunViews;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The API trigger ({@code POST /v1/workflows/{id}/runs}): a run for a known customer, its payload
 * being the trigger event's properties, idempotent by the {@code Idempotency-Key} (the run's
 * enrolment key {@code api:<key>}). The same key with the same customer and payload answers the
 * run it made; with another body it is a conflict. The re-entry policy and cap apply as for any
 * trigger ({@link RunAdmission}), in the request's transaction.
 */
@ApplicationScoped
public class ApiTrigger {

    /** The run, and whether this call made it (false: a replay of the same key). */
    public record Started(RunViews.RunView run, boolean created) {
    }

    private static final String WORKFLOW = """
            SELECT w.status, v.version, v.trigger_kind, v.first_step
            FROM workflows w JOIN workflow_versions v
              ON v.workspace_id = w.workspace_id AND v.workflow_id = w.id AND v.version = w.current_version
            WHERE w.workspace_id = $1 AND w.id = $2""";
    // A merged-away id is an alias of the customer it was merged into.
    private static final String CUSTOMER = """
            SELECT usid FROM customers WHERE workspace_id = $1 AND external_id = $2
            UNION ALL SELECT usid FROM customer_aliases WHERE workspace_id = $1 AND alias = $2 LIMIT 1""";
    private static final String EXISTING = """
            SELECT id, subject_id = $4 AND context -> 'properties' = $5::text::jsonb AS same
            FROM workflow_runs WHERE workspace_id = $1 AND workflow_id = $2 AND enrol_key = $3""";

    private final Pool pool;
    private final RunReads reads;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ApiTrigger(Pool pool, RunReads reads, ObjectMapper mapper, Clock clock) {
        this.pool = pool;
        this.reads = reads;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Starts (or finds, for a replayed key) the run; a concurrent call with the same key is answered its run. */
    public Uni<Started> start(long workspace, long workflow, String key, ApiTriggerInput input) {
        return attempt(workspace, workflow, key, input)
                .onFailure(ApiTrigger::raced).recoverWithUni(() -> attempt(workspace, workflow, key, input));
    }

    private Uni<Started> attempt(long workspace, long workflow, String key, ApiTriggerInput input) {
        String payload = json(input.payload() == null ? mapper.createObjectNode() : input.payload());
        Instant now = clock.instant();
        return pool.withTransaction(conn -> single(conn, WORKFLOW, Tuple.of(workspace, workflow),
                        "No workflow " + workflow + " in this workspace")
                .chain(wf -> single(conn, CUSTOMER, Tuple.of(workspace, input.customerId()),
                        "No customer " + input.customerId() + " in this workspace")
                        .chain(customer -> conn.preparedQuery(EXISTING)
                                .execute(Tuple.of(workspace, workflow, "api:" + key, customer.getLong("usid"), payload))
                                .chain(existing -> existing.size() == 1
                                        ? replay(existing.iterator().next(), key)
                                        : create(conn, workspace, workflow, wf, customer.getLong("usid"), key, payload, now)))))
                .chain(started -> reads.one(workspace, started.runId()).map(view -> new Started(view, started.created())));
    }

    private record Made(long runId, boolean created) {
    }

    private static Uni<Made> replay(Row run, String key) {
        if (!run.getBoolean("same")) {
            throw ProblemException.conflict("Idempotency-Key " + key + " was used for another customer or payload");
        }
        return Uni.createFrom().item(new Made(run.getLong("id"), false));
    }

    private Uni<Made> create(SqlConnection conn, long workspace, long workflow, Row wf, long usid, String key, String payload,
                             Instant now) {
        if (!"active".equals(wf.getString("status")) || !"api".equals(wf.getString("trigger_kind"))) {
            throw ProblemException.conflict("Workflow " + workflow + " is " + wf.getString("status") + " with a "
                    + wf.getString("trigger_kind") + " trigger; only an active workflow with an api trigger starts runs by API");
        }
        RunAdmission.Candidate candidate = new RunAdmission.Candidate(workspace, workflow, wf.getInteger("version"), usid,
                "api:" + key, wf.getString("first_step"), context(key, payload, now));
        return RunAdmission.admit(conn, List.of(candidate), now).map(admitted -> {
            if (admitted.isEmpty()) {
                throw ProblemException.conflict("The workflow's re-entry policy or its cap of active runs per customer "
                        + "admits no run of this customer now");
            }
            return new Made(admitted.get(0).runId(), true);
        });
    }

    /** The trigger event of an API run: the same shape as an event's, the payload being its properties. */
    private String context(String key, String payload, Instant now) {
        try {
            ObjectNode event = mapper.createObjectNode();
            event.putNull("id");
            event.put("message_id", key);
            event.put("name", "api");
            event.put("occurred_at", Instants.utc(now).toString());
            event.set("properties", mapper.readTree(payload));
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Uni<Row> single(SqlConnection conn, String sql, Tuple args, String missing) {
        return conn.preparedQuery(sql).execute(args).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound(missing);
            }
            return rows.iterator().next();
        });
    }

    /** Another call with the same key inserted its run first: the retry finds it. */
    private static boolean raced(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private String json(Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
