package io.xoal.events.workflow.engine;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.webhook.WebhookStep;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * One round of the engine on this replica: enrol from the inbox, re-queue runs whose lease
 * expired, claim the due runs and run one step of each. Steps that only touch the database
 * (delay, exit) apply their effect, the advance and the step-log row in one fenced statement;
 * a webhook step goes through {@link WebhookStep}.
 */
@ApplicationScoped
public class WorkflowPoller {

    private static final Logger LOG = Logger.getLogger(WorkflowPoller.class);
    private static final int CONCURRENT_STEPS = 16;

    private final RunQueue queue;
    private final WebhookStep webhooks;
    private final Pool pool;
    private final Clock clock;

    public WorkflowPoller(RunQueue queue, WebhookStep webhooks, Pool pool, Clock clock) {
        this.queue = queue;
        this.webhooks = webhooks;
        this.pool = pool;
        this.clock = clock;
    }

    /** The answer is how many step attempts this round made. */
    public Uni<Integer> poll() {
        return queue.enrol(clock.instant())
                .chain(() -> queue.rescue(clock.instant()))
                .chain(() -> queue.claim(clock.instant()))
                .chain(runs -> Multi.createFrom().iterable(runs)
                        .onItem().transformToUni(run -> step(run)
                                .onFailure().invoke(failure -> LOG.errorf(failure, "Step %s of workflow run %d failed; "
                                        + "the run is retried when its lease expires", run.stepId(), run.id()))
                                .onFailure().recoverWithItem(false))
                        .merge(CONCURRENT_STEPS)
                        .collect().asList()
                        .map(done -> runs.size()));
    }

    private Uni<Boolean> step(ClaimedRun run) {
        WorkflowDefinition.Step step = run.step();
        Instant now = clock.instant();
        return switch (step.type()) {
            case DELAY -> RunAdvance.apply(pool, run, RunAdvance.Outcome.advance(step.next(), now.plus(step.duration()),
                    "delayed", "{\"until\": \"" + now.plus(step.duration()) + "\"}"), now);
            case EXIT -> RunAdvance.apply(pool, run, RunAdvance.Outcome.complete("exit"), now);
            case WEBHOOK -> webhooks.run(run, step);
        };
    }
}
