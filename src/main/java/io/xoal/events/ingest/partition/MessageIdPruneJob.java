package io.xoal.events.ingest.partition;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Forgets messageIds (and rejected items) older than the dedup window, a bounded chunk per run so that no run holds
 * locks for long. Several replicas running it at once only share the work.
 */
@ApplicationScoped
public class MessageIdPruneJob {

    private static final String PRUNE = """
            DELETE FROM message_ids WHERE ctid IN (
              SELECT ctid FROM message_ids WHERE received_at < $1 LIMIT 50000 FOR UPDATE SKIP LOCKED)""";

    private static final String PRUNE_REJECTIONS = """
            DELETE FROM ingest_rejections WHERE id IN (
              SELECT id FROM ingest_rejections WHERE received_at < $1 LIMIT 50000 FOR UPDATE SKIP LOCKED)""";

    private final Pool pool;
    private final IngestConfig config;
    private final Clock clock;

    public MessageIdPruneJob(Pool pool, IngestConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${xoal.ingest.prune-every}", identity = "message-id-prune",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return prune().replaceWithVoid();
    }

    /** Deletes one chunk of expired messageIds and one of rejected items; returns how many messageIds. */
    public Uni<Integer> prune() {
        Tuple before = Tuple.of(clock.instant().minus(config.dedupWindow()).atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(PRUNE_REJECTIONS).execute(before)
                .chain(() -> pool.preparedQuery(PRUNE).execute(before))
                .map(RowSet::rowCount);
    }
}
