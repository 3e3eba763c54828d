package io.xoal.events.analytics;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Folds the hourly event counts periodically, so that a trend reads one row per name and hour. */
@ApplicationScoped
public class HourlyCountsJob {

    private final HourlyCounts counts;

    public HourlyCountsJob(HourlyCounts counts) {
        this.counts = counts;
    }

    @Scheduled(every = "${xoal.analytics.fold-every}", identity = "analytics-hourly-counts",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> fold() {
        return counts.fold().replaceWithVoid();
    }
}
