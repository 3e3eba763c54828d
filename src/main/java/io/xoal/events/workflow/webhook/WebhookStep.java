package io.xoal.events.workflow.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.xoal.events.ingest.webhook.SecretBox;
import io.xoal.events.workflow.WorkflowConfig;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.delivery.Attempt;
import io.xoal.events.workflow.delivery.Delivery;
import io.xoal.events.workflow.delivery.SendStep;
import io.xoal.events.workflow.engine.ClaimedRun;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * A webhook step: a signed JSON POST whose {@code webhook-id} is the delivery id, sent through the
 * shared delivery machinery ({@link SendStep}). 2xx is done; 4xx other than 408/429 fails the run;
 * anything else (5xx, 408, 429, timeout, connection error) is retried with backoff.
 */
@ApplicationScoped
public class WebhookStep {

    private final SendStep sends;
    private final SecretBox secrets;
    private final ObjectMapper mapper;
    private final WorkflowConfig config;
    private final Clock clock;
    private final HttpClient http;

    public WebhookStep(SendStep sends, SecretBox secrets, ObjectMapper mapper, WorkflowConfig config, Clock clock) {
        this.sends = sends;
        this.secrets = secrets;
        this.mapper = mapper;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.webhookTimeout()).build();
    }

    /** False when the run's lease was lost before the delivery row or the outcome could be written. */
    public Uni<Boolean> run(ClaimedRun run, WorkflowDefinition.Step step) {
        return sends.run(run, step, "webhook", delivery -> post(run, step, delivery));
    }

    private Uni<Attempt> post(ClaimedRun run, WorkflowDefinition.Step step, Delivery delivery) {
        String id = delivery.id().toString();
        byte[] body = body(run, delivery.customer());
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(step.url())
                .timeout(config.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.sign(secrets.open(run.secret()), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> answered(response.statusCode(), response.body()));
    }

    /** 2xx is sent; 5xx, 408 and 429 may pass on another try; other 4xx (and 1xx/3xx) will not. */
    private static Attempt answered(int status, String body) {
        if (status >= 200 && status < 300) {
            return Attempt.sent(status, body);
        }
        return Attempt.failed(status, body, "the receiver answered " + status, status >= 500 || status == 408 || status == 429);
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
