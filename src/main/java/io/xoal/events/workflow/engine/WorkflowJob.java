package io.xoal.events.workflow.engine;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Every replica polls (one tick works off up to {@code rounds-per-poll} full batches): the queue's statements skip the rows another replica holds. */
@ApplicationScoped
public class WorkflowJob {

    private final WorkflowPoller poller;

    public WorkflowJob(WorkflowPoller poller) {
        this.poller = poller;
    }

    @Scheduled(every = "${xoal.workflows.poll-every}", identity = "workflow-poll",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        return poller.work().replaceWithVoid();
    }
}
