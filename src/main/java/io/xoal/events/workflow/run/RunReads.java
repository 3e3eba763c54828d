package io.xoal.events.workflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Page;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads of runs and their step logs. */
@ApplicationScoped
public class RunReads {

    private static final String SELECT = """
            SELECT r.id, r.workflow_id, r.version, c.external_id, r.enrol_key, r.state, r.step_id, r.due_at, r.attempt,
                   r.entered_at, r.finished_at, r.exit_reason, r.last_error
            FROM workflow_runs r LEFT JOIN customers c ON c.workspace_id = r.workspace_id AND c.usid = r.subject_id
            """;
    private static final String LOG = """
            SELECT step_seq, attempt, step_id, started_at, finished_at, outcome, error, detail::text
            FROM workflow_step_log WHERE workspace_id = $1 AND run_id = $2 ORDER BY step_seq, attempt""";

    private final Pool pool;
    private final ObjectMapper mapper;

    public RunReads(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The workflow's runs, newest first; 404 when there is no such workflow. */
    public Uni<Page<RunViews.RunView>> ofWorkflow(long workspace, long workflow, long before, int limit) {
        return pool.preparedQuery("SELECT 1 FROM workflows WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspace, workflow))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No workflow " + workflow + " in this workspace");
                    }
                })
                .chain(() -> pool.preparedQuery(SELECT + " WHERE r.workspace_id = $1 AND r.workflow_id = $2 AND r.id < $3"
                                + " ORDER BY r.id DESC LIMIT $4")
                        .execute(Tuple.of(workspace, workflow, before, limit + 1)))
                .map(rows -> Page.of(rows.stream().map(RunReads::run).toList(), limit, RunViews.RunView::id));
    }

    /** The customer's runs of every workflow, newest first. */
    public Uni<Page<RunViews.RunView>> ofCustomer(long workspace, long usid, long before, int limit) {
        return pool.preparedQuery(SELECT + " WHERE r.workspace_id = $1 AND r.subject_id = $2 AND r.id < $3 ORDER BY r.id DESC LIMIT $4")
                .execute(Tuple.of(workspace, usid, before, limit + 1))
                .map(rows -> Page.of(rows.stream().map(RunReads::run).toList(), limit, RunViews.RunView::id));
    }

    /** One run with its step log. */
    public Uni<RunViews.RunView> one(long workspace, long id) {
        return pool.preparedQuery(SELECT + " WHERE r.workspace_id = $1 AND r.id = $2")
                .execute(Tuple.of(workspace, id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No workflow run " + id + " in this workspace");
                    }
                    return run(rows.iterator().next());
                })
                .chain(run -> pool.preparedQuery(LOG).execute(Tuple.of(workspace, id))
                        .map(rows -> run.withSteps(rows.stream().map(this::entry).toList())));
    }

    private static RunViews.RunView run(Row r) {
        return new RunViews.RunView(r.getLong("id"), r.getLong("workflow_id"), r.getInteger("version"), r.getString("external_id"),
                r.getString("enrol_key"), r.getString("state"), r.getString("step_id"), instant(r.getOffsetDateTime("due_at")),
                r.getInteger("attempt"), instant(r.getOffsetDateTime("entered_at")), instant(r.getOffsetDateTime("finished_at")),
                r.getString("exit_reason"), r.getString("last_error"), null);
    }

    private RunViews.StepLogEntry entry(Row r) {
        return new RunViews.StepLogEntry(r.getInteger("step_seq"), r.getInteger("attempt"), r.getString("step_id"),
                instant(r.getOffsetDateTime("started_at")), instant(r.getOffsetDateTime("finished_at")), r.getString("outcome"),
                r.getString("error"), json(r.getString("detail")));
    }

    private JsonNode json(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
