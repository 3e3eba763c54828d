package io.xoal.events.workflow.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import io.xoal.events.ingest.webhook.SecretBox;
import io.xoal.events.workflow.WorkflowConfig;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.engine.Backoff;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunAdvance;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A webhook step: (1) the delivery row, whose id is the {@code webhook-id} of every attempt, is
 * written fenced by the lease; (2) the signed POST goes out with no transaction open; (3) the
 * outcome and the run's advance are recorded in one transaction, again fenced by the lease.
 * 2xx is done; 4xx other than 408/429 fails the run; anything else is retried with backoff.
 */
@ApplicationScoped
public class WebhookStep {

    private static final String DELIVERY = """
            WITH d AS (
              INSERT INTO workflow_deliveries (workspace_id, run_id, step_id, step_seq, channel, status, created_at)
              SELECT workspace_id, id, step_id, step_seq, 'webhook', 'sending', $4
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
    private final SecretBox secrets;
    private final ObjectMapper mapper;
    private final Backoff backoff;
    private final WorkflowConfig config;
    private final Clock clock;
    private final HttpClient http;

    public WebhookStep(Pool pool, SecretBox secrets, ObjectMapper mapper, Backoff backoff, WorkflowConfig config, Clock clock) {
        this.pool = pool;
        this.secrets = secrets;
        this.mapper = mapper;
        this.backoff = backoff;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.webhookTimeout()).build();
    }

    /** False when the run's lease was lost before the delivery row or the outcome could be written. */
    public Uni<Boolean> run(ClaimedRun run, WorkflowDefinition.Step step) {
        Tuple args = Tuple.of(run.workspaceId(), run.id(), run.leaseToken(), Instants.utc(clock.instant()), run.subjectId());
        return pool.preparedQuery(DELIVERY).execute(args)
                .chain(rows -> rows.size() == 0
                        ? Uni.createFrom().item(false)
                        : send(run, step, rows.iterator().next()));
    }

    private Uni<Boolean> send(ClaimedRun run, WorkflowDefinition.Step step, Row delivery) {
        UUID id = delivery.getUUID("id");
        byte[] body = body(run, delivery.getString("customer"));
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(step.url())
                .timeout(config.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("webhook-id", id.toString())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.sign(secrets.open(run.secret()), id.toString(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> WebhookAttempt.answered(response.statusCode(), response.body()))
                .onFailure().recoverWithItem(failure -> WebhookAttempt.unanswered(failure.toString()))
                .chain(attempt -> record(run, step, id, attempt));
    }

    private Uni<Boolean> record(ClaimedRun run, WorkflowDefinition.Step step, UUID id, WebhookAttempt attempt) {
        Instant now = clock.instant();
        RunAdvance.Outcome outcome;
        if (attempt.succeeded()) {
            outcome = RunAdvance.Outcome.advance(step.next(), now, "sent", attempt.detail(id));
        } else if (attempt.retryable() && backoff.mayRetry(run.attempt())) {
            outcome = RunAdvance.Outcome.retry(now.plus(backoff.after(run.attempt())), attempt.error(), attempt.detail(id));
        } else {
            outcome = RunAdvance.Outcome.fail(attempt.error(), attempt.detail(id));
        }
        String status = attempt.succeeded() ? "sent" : "failed".equals(outcome.state()) ? "failed" : "sending";
        String excerpt = attempt.body() == null ? null : attempt.body().substring(0, Math.min(EXCERPT, attempt.body().length()));
        return pool.withTransaction(conn -> RunAdvance.apply(conn, run, outcome, now)
                .call(ours -> ours
                        ? conn.preparedQuery(RECORD).execute(Tuple.of(run.workspaceId(), id, status, attempt.status(), excerpt))
                        : Uni.createFrom().voidItem()));
    }

    private byte[] body(ClaimedRun run, String customer) {
        try {
            ObjectNode body = mapper.createObjectNode()
                    .put("type", "workflow.webhook")
                    .put("workflow_id", run.workflowId())
                    .put("run_id", run.id())
                    .put("step_id", run.stepId());
            body.set("customer", customer == null ? mapper.nullNode() : mapper.readTree(customer));
            body.set("event", mapper.readTree(run.context()));
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
