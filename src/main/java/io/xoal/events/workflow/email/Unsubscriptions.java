package io.xoal.events.workflow.email;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.ProfilesChanged;
import io.xoal.events.segment.OutboxFence;
import io.xoal.events.workflow.step.UpdateStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Sets a customer's custom attribute {@code unsubscribed} to true as every profile change does:
 * with the segment outbox row behind the {@link OutboxFence} in the same transaction, and
 * {@link ProfilesChanged} after commit, so that segments on the attribute re-evaluate.
 */
@ApplicationScoped
public class Unsubscriptions {

    private static final String UNSUBSCRIBE = "WITH r AS (\n"
            + "  UPDATE customers c SET attributes = jsonb_set(c.attributes, '{unsubscribed}', 'true'::jsonb)\n"
            + "  WHERE c.workspace_id = $1 AND c.usid = $2 RETURNING c.workspace_id, c.usid AS subject_id),\n"
            + UpdateStep.OUTBOX + "\n"
            + "SELECT count(*) AS changed FROM r";

    private final Pool pool;
    private final Event<ProfilesChanged> changed;

    public Unsubscriptions(Pool pool, Event<ProfilesChanged> changed) {
        this.pool = pool;
        this.changed = changed;
    }

    /** False when the workspace has no such customer (any more). */
    public Uni<Boolean> unsubscribe(UnsubscribeTokens.Subject subject) {
        return pool.withTransaction(conn -> conn.query(OutboxFence.SHARE).execute()
                        .chain(() -> conn.preparedQuery(UNSUBSCRIBE).execute(Tuple.of(subject.workspaceId(), subject.customer()))))
                .map(rows -> rows.iterator().next().getLong("changed") > 0)
                .invoke(found -> {
                    if (found) {
                        changed.fire(new ProfilesChanged(subject.workspaceId()));
                    }
                });
    }
}
