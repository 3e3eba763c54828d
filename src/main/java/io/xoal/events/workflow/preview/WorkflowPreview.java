package io.xoal.events.workflow.preview;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.xoal.events.error.FieldError;
import io.xoal.events.error.ProblemException;
import io.xoal.events.workflow.WorkflowConfig;
import io.xoal.events.workflow.definition.DefinitionReader;
import io.xoal.events.workflow.definition.SegmentReferences;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A dry run: an unsaved definition over a window of stored history, in a READ ONLY transaction
 * with a statement timeout, as one set-based statement ({@link PreviewSql}); nothing is written
 * and nothing sent. Runs past {@code xoal.workflows.preview-runs} are counted as enrolled but not
 * followed through the steps (the answer says so: {@code capped}).
 */
@ApplicationScoped
public class WorkflowPreview {

    private static final Set<String> FIELDS = Set.of("definition", "from", "to");

    private final Pool pool;
    private final WorkflowConfig config;
    private final Clock clock;

    public WorkflowPreview(Pool pool, WorkflowConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    public Uni<PreviewViews.Preview> preview(long workspace, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError("/" + name, "is not a field of a dry run"));
            }
        });
        PreviewWindow window = PreviewWindow.read(body, errors);
        WorkflowDefinition definition = null;
        try {
            definition = DefinitionReader.read(body.get("definition"));
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The dry run is not valid", errors);
        }
        WorkflowDefinition valid = definition;
        Instant now = clock.instant();
        PreviewSql.Compiled compiled = PreviewSql.compile(valid, EnrolmentSource.of(valid), workspace, window, now, config.previewRuns());
        long started = System.nanoTime();
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION READ ONLY").execute()
                        .chain(() -> conn.query("SET LOCAL statement_timeout = " + config.previewTimeout().toMillis()).execute())
                        .chain(() -> SegmentReferences.check(conn, workspace, valid))
                        .chain(() -> conn.preparedQuery(compiled.sql()).execute(compiled.params().tuple())))
                .onFailure().transform(failure -> ProblemException.whenTimedOut(failure, "The dry run took longer than "
                        + config.previewTimeout().toSeconds() + " s; narrow the window"))
                .map(rows -> PreviewResult.of(rows, compiled, valid, window, now, (System.nanoTime() - started) / 1_000_000));
    }
}
