package io.xoal.events.workflow.engine;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Refreshes the due-run lag gauge as often as the poller polls; a read, so every replica may. */
@ApplicationScoped
public class DueRunLagJob {

    private final DueRunLag lag;
    private final Clock clock;

    public DueRunLagJob(DueRunLag lag, Clock clock) {
        this.lag = lag;
        this.clock = clock;
    }

    @Scheduled(every = "${xoal.workflows.poll-every}", identity = "workflow-due-lag",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return lag.refresh(clock.instant()).replaceWithVoid();
    }
}
