package io.xoal.events.ingest.partition;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.xoal.events.common.Instants;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Partition retention: drops the event partitions whose whole range ends before a cutoff, then the rollup days they
 * covered. A partition that may still hold a younger event is never touched, nor a table whose name is not one of
 * ours; the segment ledger and first/last-seen history stay. Drops go through {@link PartitionDdl} (advisory lock,
 * lock_timeout, retries), so several replicas and busy readers of old months are safe.
 */
@ApplicationScoped
public class EventRetention {

    /**
     * How much older than now − retention a partition's end must be: an event validated just before the cutoff moved
     * may still be on its way to a flush, and its partition must still be there then.
     */
    static final Duration GRACE = Duration.ofDays(1);

    private static final String FORGET_ROLLUPS = "DELETE FROM subject_event_daily WHERE day < $1";
    /** Dropping a partition fires no delete trigger: the hourly counts of its hours go here (V20). */
    private static final String FORGET_COUNTS = "DELETE FROM event_counts_hourly WHERE hour < $1";
    /** Stored analytics answers that read dropped hours no longer hold (AnswerCache). */
    private static final String FORGET_ANSWERS = "DELETE FROM analytics_answers WHERE hours_from < $1";

    private final EventPartitions partitions;
    private final PartitionDdl ddl;
    private final Pool pool;

    public EventRetention(EventPartitions partitions, PartitionDdl ddl, Pool pool) {
        this.partitions = partitions;
        this.ddl = ddl;
        this.pool = pool;
    }

    /** Drops the partitions that end at or before {@code earliest} − {@link #GRACE}; returns how many went. */
    public Uni<Integer> dropBefore(Instant earliest) {
        YearMonth cutoff = EventPartitions.monthOf(earliest.minus(GRACE));
        return partitions.attached()
                .map(names -> names.stream()
                        .map(EventPartitions.Range::of)
                        .flatMap(Optional::stream)
                        // A range ending in the cutoff's month or earlier ends before the cutoff instant.
                        .filter(range -> !range.to().isAfter(cutoff))
                        .sorted(Comparator.comparing(EventPartitions.Range::from))
                        .toList())
                .chain(expired -> Multi.createFrom().iterable(expired)
                        .onItem().transformToUniAndConcatenate(range -> ddl.drop("events", range.name()))
                        .collect().last()
                        .chain(() -> forgetRollups(expired)));
    }

    /**
     * Deletes the rollup days and hourly counts of the dropped ranges (they are contiguous and the oldest, so: every
     * day before the end of the latest one) and the stored analytics answers that read them. Runs only after a drop,
     * so that an hourly run does not scan the rollups for nothing.
     */
    private Uni<Integer> forgetRollups(List<EventPartitions.Range> dropped) {
        if (dropped.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        YearMonth end = dropped.get(dropped.size() - 1).to();
        Tuple cutoff = Tuple.of(Instants.utc(end.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        return pool.preparedQuery(FORGET_ROLLUPS).execute(Tuple.of(end.atDay(1)))
                .chain(() -> pool.preparedQuery(FORGET_COUNTS).execute(cutoff))
                .chain(() -> pool.preparedQuery(FORGET_ANSWERS).execute(cutoff))
                .replaceWith(dropped.size());
    }
}
