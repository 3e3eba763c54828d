package io.xoal.events.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.common.Page;
import io.xoal.events.error.ProblemException;
import io.xoal.events.ingest.webhook.SecretBox;
import io.xoal.events.workflow.definition.DefinitionReader;
import io.xoal.events.workflow.definition.SegmentReferences;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * Workflow definitions: create, change (each change is a new immutable version), read, delete.
 * Plain SQL on the reactive pool, like the engine that reads the same tables.
 */
@ApplicationScoped
public class WorkflowService {

    private static final String SELECT = """
            SELECT w.id, w.name, w.status, w.current_version, v.definition::text AS definition, w.created_at, w.updated_at
            FROM workflows w JOIN workflow_versions v
              ON v.workspace_id = w.workspace_id AND v.workflow_id = w.id AND v.version = w.current_version
            """;
    private static final String INSERT_VERSION = """
            INSERT INTO workflow_versions (workspace_id, workflow_id, version, definition, trigger_name, enrol_property,
                                           reentry, first_step, created_at, trigger_kind, trigger_segment_id, trigger_on,
                                           reentry_interval, max_active, goal_segment_id)
            VALUES ($1, $2, $3, $4::text::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::interval, $14, $15)""";

    private final Pool pool;
    private final SecretBox secrets;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WorkflowService(Pool pool, SecretBox secrets, ObjectMapper mapper, Clock clock) {
        this.pool = pool;
        this.secrets = secrets;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Uni<WorkflowViews.WorkflowView> create(long workspace, WorkflowViews.WorkflowInput input) {
        WorkflowDefinition definition = DefinitionReader.read(input.definition());
        String secret = newSecret();
        OffsetDateTime now = Instants.utc(clock.instant());
        String status = input.status() == null ? "draft" : input.status();
        return pool.withTransaction(conn -> conn.preparedQuery("""
                                INSERT INTO workflows (workspace_id, name, status, current_version, secret, created_at, updated_at)
                                VALUES ($1, $2, $3, 1, $4, $5, $5) RETURNING id""")
                        .execute(Tuple.of(workspace, input.name(), status, secrets.seal(secret), now))
                        .map(rows -> rows.iterator().next().getLong(0))
                        .call(() -> SegmentReferences.check(conn, workspace, definition))
                        .call(id -> insertVersion(conn, workspace, id, 1, input.definition(), definition, now))
                        .chain(id -> read(conn, workspace, id)))
                .map(view -> view.withSecret(secret));
    }

    public Uni<WorkflowViews.WorkflowView> update(long workspace, long id, WorkflowViews.WorkflowInput input) {
        WorkflowDefinition definition = DefinitionReader.read(input.definition());
        OffsetDateTime now = Instants.utc(clock.instant());
        return pool.withTransaction(conn -> conn.preparedQuery("""
                                UPDATE workflows SET name = $3, status = coalesce($4, status),
                                                     current_version = current_version + 1, updated_at = $5
                                WHERE workspace_id = $1 AND id = $2 RETURNING current_version""")
                .execute(Tuple.of(workspace, id, input.name(), input.status(), now))
                .map(rows -> single(rows, id).getInteger(0))
                .call(() -> SegmentReferences.check(conn, workspace, definition))
                .call(version -> insertVersion(conn, workspace, id, version, input.definition(), definition, now))
                .chain(() -> read(conn, workspace, id)));
    }

    public Uni<WorkflowViews.WorkflowView> get(long workspace, long id) {
        return pool.withConnection(conn -> read(conn, workspace, id));
    }

    public Uni<Page<WorkflowViews.WorkflowView>> list(long workspace, long before, int limit) {
        return pool.preparedQuery(SELECT + " WHERE w.workspace_id = $1 AND w.id < $2 ORDER BY w.id DESC LIMIT $3")
                .execute(Tuple.of(workspace, before, limit + 1))
                .map(rows -> Page.of(rows.stream().map(this::view).toList(), limit, WorkflowViews.WorkflowView::id));
    }

    /** Deletes the workflow with its versions, runs, deliveries and step logs. */
    public Uni<Void> delete(long workspace, long id) {
        return pool.preparedQuery("DELETE FROM workflows WHERE workspace_id = $1 AND id = $2 RETURNING id")
                .execute(Tuple.of(workspace, id))
                .invoke(rows -> single(rows, id))
                .replaceWithVoid();
    }

    private Uni<Void> insertVersion(SqlConnection conn, long workspace, long id, int version, JsonNode json,
                                    WorkflowDefinition definition, OffsetDateTime now) {
        return conn.preparedQuery(INSERT_VERSION).execute(Tuple.tuple(Arrays.asList(workspace, id, version, json(json),
                        definition.triggerEvent(), definition.enrolProperty(),
                        definition.reentry().name().toLowerCase(Locale.ROOT), definition.firstStep(), now,
                        definition.trigger().kind().name().toLowerCase(Locale.ROOT), definition.trigger().segmentId(),
                        definition.trigger().on(),
                        definition.reentryInterval() == null ? null : definition.reentryInterval().toString(), definition.maxActive(),
                        definition.goal() == null ? null : definition.goal().segmentEntered())))
                .replaceWithVoid();
    }

    private Uni<WorkflowViews.WorkflowView> read(SqlConnection conn, long workspace, long id) {
        return conn.preparedQuery(SELECT + " WHERE w.workspace_id = $1 AND w.id = $2")
                .execute(Tuple.of(workspace, id))
                .map(rows -> view(single(rows, id)));
    }

    private WorkflowViews.WorkflowView view(Row row) {
        return new WorkflowViews.WorkflowView(row.getLong("id"), row.getString("name"), row.getString("status"),
                row.getInteger("current_version"), tree(row.getString("definition")),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(), null);
    }

    private static Row single(RowSet<Row> rows, long id) {
        if (rows.size() == 0) {
            throw ProblemException.notFound("No workflow " + id + " in this workspace");
        }
        return rows.iterator().next();
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Standard Webhooks secret: {@code whsec_} and base64 of 32 random bytes. */
    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
