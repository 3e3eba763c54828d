package io.xoal.events.segment.ledger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Folds the ledger's hourly size buckets periodically, so that counts and sizes at past instants read one row per hour. */
@ApplicationScoped
public class SizeBucketsJob {

    private final SizeBuckets buckets;

    public SizeBucketsJob(SizeBuckets buckets) {
        this.buckets = buckets;
    }

    @Scheduled(every = "${xoal.segments.ledger.compact-every}", identity = "segment-size-buckets",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> compact() {
        return buckets.compact().replaceWithVoid();
    }
}
