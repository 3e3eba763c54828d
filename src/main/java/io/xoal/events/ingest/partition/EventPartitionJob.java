package io.xoal.events.ingest.partition;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.xoal.events.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.YearMonth;
import java.util.stream.IntStream;

/** Keeps the current month's and the next months' event partitions in place. Idempotent on every replica. */
@ApplicationScoped
public class EventPartitionJob {

    private final EventPartitions partitions;
    private final IngestConfig config;
    private final Clock clock;

    public EventPartitionJob(EventPartitions partitions, IngestConfig config, Clock clock) {
        this.partitions = partitions;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${xoal.ingest.partition-check:1h}", identity = "event-partitions",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> createAhead() {
        YearMonth now = EventPartitions.monthOf(clock.instant());
        return partitions.ensure(IntStream.rangeClosed(0, config.partitionsAhead()).mapToObj(now::plusMonths).toList());
    }
}
