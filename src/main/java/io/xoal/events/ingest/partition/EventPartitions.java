package io.xoal.events.ingest.partition;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Monthly partitions of {@code events} (UTC months). Created ahead by {@link EventPartitionJob}
 * and on demand before a flush that holds a month not seen yet (back-filled history).
 */
@ApplicationScoped
public class EventPartitions {

    private final Pool pool;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public EventPartitions(Pool pool) {
        this.pool = pool;
    }

    public static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    /** Makes sure each month has its partition; costs nothing for months already seen. */
    public Uni<Void> ensure(Collection<YearMonth> months) {
        List<YearMonth> missing = months.stream().distinct().filter(m -> !known.contains(m)).sorted().toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(missing)
                .onItem().transformToUniAndConcatenate(this::create)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> create(YearMonth month) {
        // Table names and bounds come from a YearMonth, never from user input.
        String sql = "CREATE TABLE IF NOT EXISTS events_p%d_%02d PARTITION OF events FOR VALUES FROM ('%s') TO ('%s')"
                .formatted(month.getYear(), month.getMonthValue(), bound(month), bound(month.plusMonths(1)));
        return pool.query(sql).execute()
                .replaceWithVoid()
                .onFailure(EventPartitions::createdConcurrently).recoverWithNull()
                .invoke(() -> known.add(month));
    }

    private static String bound(YearMonth month) {
        return month.atDay(1) + " 00:00:00+00";
    }

    /** Another replica created the same partition between our check and our statement. */
    private static boolean createdConcurrently(Throwable failure) {
        return failure instanceof PgException pg
                && ("42P07".equals(pg.getSqlState()) || "23505".equals(pg.getSqlState()));
    }
}
