package io.xoal.events.workflow.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.engine.Backoff;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunAdvance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * What every send step (webhook, email) does around its channel: (1) the delivery row, whose id
 * every attempt carries, is written fenced by the lease, and the run's customer read with it;
 * (2) the channel sends with no transaction open; (3) the outcome and the run's advance are
 * recorded in one transaction, again fenced by the lease. Sent or skipped moves on; a retryable
 * failure is tried again after {@link Backoff} until the cap, under the same delivery id; any
 * other failure fails the run with its error.
 */
@ApplicationScoped
public class SendStep {

    private static final String DELIVERY = """
            WITH d AS (
              INSERT INTO workflow_deliveries (workspace_id, run_id, step_id, step_seq, channel, status, created_at)
              SELECT workspace_id, id, step_id, step_seq, $6, 'sending', $4
              FROM workflow_runs WHERE workspace_id = $1 AND id = $2 AND lease_token = $3
              ON CONFLICT (workspace_id, run_id, step_id, step_seq)
                DO UPDATE SET attempts = workflow_deliveries.attempts + 1, status = 'sending'
              RETURNING id)
            SELECT d.id, (SELECT jsonb_build_object('id', c.external_id, 'email', c.email, 'first_name', c.first_name,
                                                    'last_name', c.last_name, 'attributes', c.attributes)::text
                          FROM customers c WHERE c.workspace_id = $1 AND c.usid = $5) AS customer
            FROM d""";
    private static final String RECORD = """
            UPDATE workflow_deliveries SET status = $3, response_status = $4, response_excerpt = $5
            WHERE workspace_id = $1 AND id = $2""";
    private static final int EXCERPT = 500;

    private final Pool pool;
    private final Backoff backoff;
    private final Clock clock;

    public SendStep(Pool pool, Backoff backoff, Clock clock) {
        this.pool = pool;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * One attempt of the send step {@code step} over {@code channel} ({@code webhook}, {@code email}); false when
     * the run's lease was lost before the delivery row or the outcome could be written. A failure of
     * {@code send} itself counts as an unanswered, retryable attempt.
     */
    public Uni<Boolean> run(ClaimedRun run, WorkflowDefinition.Step step, String channel, Function<Delivery, Uni<Attempt>> send) {
        Tuple args = Tuple.of(run.workspaceId(), run.id(), run.leaseToken(), Instants.utc(clock.instant()), run.subjectId(), channel);
        return pool.preparedQuery(DELIVERY).execute(args)
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = rows.iterator().next();
                    Delivery delivery = new Delivery(row.getUUID("id"), row.getString("customer"));
                    return Uni.createFrom().deferred(() -> send.apply(delivery))
                            .onFailure().recoverWithItem(Attempt::unanswered)
                            .chain(attempt -> record(run, step, delivery.id(), attempt));
                });
    }

    private Uni<Boolean> record(ClaimedRun run, WorkflowDefinition.Step step, UUID id, Attempt attempt) {
        Instant now = clock.instant();
        RunAdvance.Outcome outcome;
        if (attempt.done()) {
            outcome = RunAdvance.Outcome.advance(step.next(), now, attempt.outcome(), attempt.detail(id));
        } else if (attempt.retryable() && backoff.mayRetry(run.attempt())) {
            outcome = RunAdvance.Outcome.retry(now.plus(backoff.after(run.attempt())), attempt.error(), attempt.detail(id));
        } else {
            outcome = RunAdvance.Outcome.fail(attempt.error(), attempt.detail(id));
        }
        String status = attempt.done() ? ("sent".equals(attempt.outcome()) ? "sent" : "skipped")
                : "failed".equals(outcome.state()) ? "failed" : "sending";
        String response = attempt.response();
        String excerpt = response == null ? null : response.substring(0, Math.min(EXCERPT, response.length()));
        return pool.withTransaction(conn -> RunAdvance.apply(conn, run, outcome, now)
                .call(ours -> ours
                        ? conn.preparedQuery(RECORD).execute(Tuple.of(run.workspaceId(), id, status, attempt.status(), excerpt))
                        : Uni.createFrom().voidItem()));
    }
}
