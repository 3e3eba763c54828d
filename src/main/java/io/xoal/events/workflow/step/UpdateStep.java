package io.xoal.events.workflow.step;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.xoal.events.common.ProfilesChanged;
import io.xoal.events.segment.OutboxFence;
import io.xoal.events.segment.definition.SqlParams;
import io.xoal.events.workflow.definition.StepSettings;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunAdvance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;

/**
 * An update of the run's customer: a custom attribute set (or removed) or a tag added or removed.
 * The change and the segment outbox row ({@code segment_work}, behind the {@link OutboxFence} as
 * every profile change) are CTEs of the fenced advance statement, so they happen exactly once,
 * with the advance, even when an attempt is retried; segments then re-evaluate the customer as
 * after any profile change ({@link ProfilesChanged} after commit).
 */
@ApplicationScoped
public class UpdateStep {

    /** The segment outbox row for the customer of {@code r} (CTE {@code r(workspace_id, subject_id)}), as a CTE. */
    public static final String OUTBOX = """
            work AS (
              INSERT INTO segment_work (workspace_id, usids, event_ids, names, created_at)
              SELECT r.workspace_id, ARRAY[r.subject_id], ARRAY[NULL::bigint], ARRAY[NULL::text], now() FROM r
              WHERE EXISTS (SELECT 1 FROM segments s WHERE s.workspace_id = r.workspace_id AND s.status = 'active'))""";

    private final Pool pool;
    private final Event<ProfilesChanged> changed;

    public UpdateStep(Pool pool, Event<ProfilesChanged> changed) {
        this.pool = pool;
        this.changed = changed;
    }

    public Uni<Boolean> run(ClaimedRun run, WorkflowDefinition.Step step, Instant now) {
        StepSettings.Update update = (StepSettings.Update) step.settings();
        SqlParams params = new SqlParams();
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        String change;
        if (update.attribute() != null) {
            String name = params.add(update.attribute(), "text");
            change = update.valueJson() == null ? "attributes = c.attributes - " + name
                    : "attributes = jsonb_set(c.attributes, ARRAY[" + name + "], " + params.add(update.valueJson(), "text") + "::jsonb)";
            detail.put("attribute", update.attribute());
        } else {
            String tag = params.add(update.tag(), "text");
            change = update.add() ? "tags = CASE WHEN " + tag + " = ANY(c.tags) THEN c.tags ELSE array_append(c.tags, " + tag + ") END"
                    : "tags = array_remove(c.tags, " + tag + ")";
            detail.put(update.add() ? "tag_added" : "tag_removed", update.tag());
        }
        String effects = "profile AS (UPDATE customers c SET " + change
                + " FROM r WHERE c.workspace_id = r.workspace_id AND c.usid = r.subject_id),\n" + OUTBOX;
        RunAdvance.Sql sql = new RunAdvance.Sql(params, null, null, effects);
        RunAdvance.Outcome outcome = RunAdvance.Outcome.advance(step.next(), now, "updated", detail.toString());
        return pool.withTransaction(conn -> conn.query(OutboxFence.SHARE).execute()
                        .chain(() -> RunAdvance.apply(conn, run, outcome, now, sql)))
                .invoke(done -> {
                    if (done) {
                        changed.fire(new ProfilesChanged(run.workspaceId()));
                    }
                });
    }
}
