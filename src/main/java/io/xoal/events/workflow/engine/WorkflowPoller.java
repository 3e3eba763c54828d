package io.xoal.events.workflow.engine;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.xoal.events.workflow.WorkflowConfig;
import io.xoal.events.workflow.definition.WorkflowDefinition;
import io.xoal.events.workflow.email.EmailStep;
import io.xoal.events.workflow.step.BranchStep;
import io.xoal.events.workflow.step.DelayStep;
import io.xoal.events.workflow.step.SplitStep;
import io.xoal.events.workflow.step.UpdateStep;
import io.xoal.events.workflow.step.WaitStep;
import io.xoal.events.workflow.webhook.WebhookStep;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * One round of the engine on this replica: signals and enrolment from the inbox, re-queue runs
 * whose lease expired (and waits that timed out), claim the due runs and run one step of each.
 * Steps that only touch the database (delay, exit, branch, split, wait, update) apply their
 * effect, the advance and the step-log row in one fenced statement (package
 * {@code workflow.step}); webhook and email steps go through {@link WebhookStep} and {@link EmailStep}
 * (both on the shared delivery machinery, {@code workflow.delivery}).
 */
@ApplicationScoped
public class WorkflowPoller {

    private static final Logger LOG = Logger.getLogger(WorkflowPoller.class);
    private static final int CONCURRENT_STEPS = 16;

    private final RunQueue queue;
    private final WebhookStep webhooks;
    private final EmailStep emails;
    private final DelayStep delays;
    private final BranchStep branches;
    private final WaitStep waits;
    private final UpdateStep updates;
    private final Pool pool;
    private final Clock clock;
    private final WorkflowConfig config;

    public WorkflowPoller(RunQueue queue, WebhookStep webhooks, EmailStep emails, DelayStep delays, BranchStep branches,
                          WaitStep waits, UpdateStep updates, Pool pool, Clock clock, WorkflowConfig config) {
        this.queue = queue;
        this.webhooks = webhooks;
        this.emails = emails;
        this.delays = delays;
        this.branches = branches;
        this.waits = waits;
        this.updates = updates;
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Rounds one after another for as long as each claims a full batch, at most
     * {@code rounds-per-poll}: a burst is worked off at the database's pace, not one batch per
     * poll interval. The answer is how many step attempts they made.
     */
    public Uni<Integer> work() {
        return Multi.createBy().repeating().uni(this::poll)
                .whilst(steps -> steps >= config.batch())
                .select().first(config.roundsPerPoll())
                .collect().with(Collectors.summingInt(Integer::intValue));
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
            case DELAY -> delays.run(run, step, now);
            case EXIT -> RunAdvance.apply(pool, run, RunAdvance.Outcome.complete("exit"), now);
            case WEBHOOK -> webhooks.run(run, step);
            case EMAIL -> emails.run(run, step);
            case BRANCH -> branches.run(run, step, now);
            case SPLIT -> RunAdvance.apply(pool, run, SplitStep.outcome(run, step, now), now);
            case WAIT_FOR_EVENT -> waits.run(run, step, now);
            case UPDATE -> updates.run(run, step, now);
        };
    }
}
