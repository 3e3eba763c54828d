package io.xoal.events.ingest.partition;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.xoal.events.ingest.IngestConfig;
import io.xoal.events.ingest.envelope.EventClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Keeps event partitions in place for every accepted event time and, with {@code event-retention} set, drops the ones
 * older than that, at start-up and then on a schedule; idempotent on every replica.
 */
@ApplicationScoped
public class EventPartitionJob {

    private static final Logger LOG = Logger.getLogger(EventPartitionJob.class);

    private final EventPartitions partitions;
    private final EventRetention retention;
    private final IngestConfig config;
    private final Clock clock;

    public EventPartitionJob(EventPartitions partitions, EventRetention retention, IngestConfig config, Clock clock) {
        this.partitions = partitions;
        this.retention = retention;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(this::createAhead);
        } catch (Throwable failure) {
            // Serving what exists beats refusing to start; the scheduled run tries again.
            LOG.warnf("Event partitions could not all be created at start-up: %s", failure.toString());
        }
    }

    /** Creates the missing partitions of the accepted range, then (with retention set) drops the expired ones. */
    @Scheduled(every = "${xoal.ingest.partition-check}", identity = "event-partitions",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> createAhead() {
        Instant now = clock.instant();
        Instant earliest = EventClock.earliest(config, now);
        // The latest accepted event time is now + max-future; partitions-ahead months lie beyond that.
        return partitions.ensure(EventPartitions.monthOf(earliest), EventPartitions.monthOf(now),
                        EventPartitions.monthOf(now.plus(config.maxFuture())).plusMonths(config.partitionsAhead()))
                .chain(() -> config.eventRetention().isPresent()
                        ? retention.dropBefore(earliest).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }
}
