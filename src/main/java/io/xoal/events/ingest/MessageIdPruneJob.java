package io.xoal.events.ingest;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Forgets messageIds older than the dedup window, a bounded chunk per run so that no run holds
 * locks for long. Several replicas running it at once only share the work.
 */
@ApplicationScoped
public class MessageIdPruneJob {

    private static final String PRUNE = """
            DELETE FROM message_ids WHERE ctid IN (
              SELECT ctid FROM message_ids WHERE received_at < $1 LIMIT 50000 FOR UPDATE SKIP LOCKED)""";

    private final Pool pool;
    private final IngestConfig config;
    private final Clock clock;

    public MessageIdPruneJob(Pool pool, IngestConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${xoal.ingest.prune-every:1m}", identity = "message-id-prune",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return prune().replaceWithVoid();
    }

    /** Deletes one chunk of expired messageIds; returns how many. */
    public Uni<Integer> prune() {
        return pool.preparedQuery(PRUNE)
                .execute(Tuple.of(clock.instant().minus(config.dedupWindow()).atOffset(ZoneOffset.UTC)))
                .map(RowSet::rowCount);
    }
}
