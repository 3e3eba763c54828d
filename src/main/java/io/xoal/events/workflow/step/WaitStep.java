package io.xoal.events.workflow.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.xoal.events.workflow.definition.StepSettings;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunAdvance;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A wait for an event: the run becomes {@code waiting} at this step, due at its timeout, with what
 * wakes it ({@code wait_name}, and in {@code wait_match} the match property with the trigger
 * event's value and both edges). The inbox → runs transaction wakes it on a matching event of its
 * customer; the rescue moves it to {@code timeout_next} when the timeout passes.
 */
@ApplicationScoped
public class WaitStep {

    private final Pool pool;
    private final ObjectMapper mapper;

    public WaitStep(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Boolean> run(ClaimedRun run, WorkflowDefinition.Step step, Instant now) {
        StepSettings.WaitForEvent wait = (StepSettings.WaitForEvent) step.settings();
        ObjectNode match = mapper.createObjectNode()
                .put("next", step.next())
                .put("timeout_next", step.edge("timeout_next"));
        if (wait.property() != null) {
            JsonNode value = context(run).path("properties").path(wait.property());
            match.put("property", wait.property()).set("value", value.isMissingNode() ? NullNode.getInstance() : value);
        }
        Instant timeout = now.plus(wait.timeout());
        return RunAdvance.apply(pool, run, RunAdvance.Outcome.waiting(timeout, wait.event(), match.toString(),
                "{\"until\": \"" + timeout + "\"}"), now);
    }

    private JsonNode context(ClaimedRun run) {
        try {
            return mapper.readTree(run.context());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
