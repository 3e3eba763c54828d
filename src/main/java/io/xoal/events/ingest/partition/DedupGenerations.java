package io.xoal.events.ingest.partition;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The generations of {@code message_ids}: one partition per {@code dedup-generation-days} UTC days (aligned on the
 * epoch, 7 by default: a new messageId is probed in each older generation, and 6 cost measurably less than 31), of which exactly one (the newest) takes new
 * messageIds. Forgetting a generation is dropping its partition, whatever its size. Exactly-once holds across partitions
 * because no two flushes ever write different generations at once: a flush holds {@link #SHARE} while it checks the
 * older generations and inserts into the current one, and the switch to a new generation takes the same lock
 * exclusively, so it waits for the flushes of the old one to commit and every later flush sees their rows.
 */
@ApplicationScoped
public class DedupGenerations {

    /** Taken by every flush, in a statement of its own before the dedup insert (whose snapshot must follow it). */
    public static final String SHARE = "SELECT pg_advisory_xact_lock_shared(" + Keys.DEDUP + ")";

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'message_ids_g'yyyyMMdd");

    private static final String ATTACHED = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'message_ids'::regclass""";

    private static final String SWITCH = """
            WITH closed AS (
              UPDATE message_id_generations SET closed_at = $2 WHERE closed_at IS NULL AND day < $1 RETURNING day)
            INSERT INTO message_id_generations (day, opened_at) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM closed)""";

    private static final String EXPIRED = "SELECT day FROM message_id_generations WHERE closed_at < $1 ORDER BY day";

    private final Pool pool;
    private final PartitionDdl ddl;
    private final IngestConfig config;

    public DedupGenerations(Pool pool, PartitionDdl ddl, IngestConfig config) {
        this.pool = pool;
        this.ddl = ddl;
        this.config = config;
    }

    /** The first day of the generation that {@code now} falls in. */
    static LocalDate generationOf(Instant now, int days) {
        long day = LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
        return LocalDate.ofEpochDay(Math.floorDiv(day, days) * days);
    }

    /** Makes sure the current and the next generation's partitions exist, then makes the current one current. */
    public Uni<Void> advance(Instant now) {
        int days = config.dedupGenerationDays();
        LocalDate today = generationOf(now, days);
        return pool.query(ATTACHED).execute()
                .map(DedupGenerations::names)
                .onItem().transformToMulti(names -> Multi.createFrom().iterable(List.of(today, today.plusDays(days)))
                        .filter(day -> !names.contains(NAME.format(day))))
                .onItem().transformToUniAndConcatenate(day -> ddl.attach("message_ids", NAME.format(day),
                        "FROM ('%s') TO ('%s')".formatted(day, day.plusDays(days))))
                .collect().last()
                .chain(() -> ddl.retried(pool.withTransaction(conn -> conn.query(
                                "SET LOCAL lock_timeout = " + config.ddlLockTimeout().toMillis()).execute()
                        .chain(() -> conn.query("SELECT pg_advisory_xact_lock(" + Keys.DEDUP + ")").execute())
                        .chain(() -> conn.preparedQuery(SWITCH).execute(Tuple.of(today, now.atOffset(ZoneOffset.UTC))))
                        .replaceWithVoid())));
    }

    /** Drops the generations closed before {@code cutoff}: every messageId in them was received before it. */
    public Uni<Integer> forget(Instant cutoff) {
        return pool.preparedQuery(EXPIRED).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<LocalDate> days = new ArrayList<>();
                    for (Row row : rows) {
                        days.add(row.getLocalDate(0));
                    }
                    return days;
                })
                .onItem().transformToMulti(days -> Multi.createFrom().iterable(days))
                .onItem().transformToUniAndConcatenate(day -> ddl.drop("message_ids", NAME.format(day))
                        .chain(() -> pool.preparedQuery("DELETE FROM message_id_generations WHERE day = $1")
                                .execute(Tuple.of(day))))
                .collect().asList()
                .map(List::size);
    }

    private static Set<String> names(Iterable<Row> rows) {
        Set<String> names = new HashSet<>();
        for (Row row : rows) {
            names.add(row.getString(0));
        }
        return names;
    }
}
