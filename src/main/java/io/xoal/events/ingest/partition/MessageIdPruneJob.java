package io.xoal.events.ingest.partition;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Keeps the dedup window: opens today's messageId generation and drops the generations closed longer ago than the
 * window (a partition drop, so it keeps pace with any ingest rate), and forgets rejected items older than the window
 * a bounded chunk per run. Safe on several replicas (advisory locks, idempotent statements).
 */
@ApplicationScoped
public class MessageIdPruneJob {

    private static final String PRUNE_REJECTIONS = """
            DELETE FROM ingest_rejections WHERE (workspace_id, id) IN (
              SELECT workspace_id, id FROM ingest_rejections WHERE received_at < $1 LIMIT 50000 FOR UPDATE SKIP LOCKED)""";

    private final Pool pool;
    private final DedupGenerations generations;
    private final IngestConfig config;
    private final Clock clock;

    public MessageIdPruneJob(Pool pool, DedupGenerations generations, IngestConfig config, Clock clock) {
        this.pool = pool;
        this.generations = generations;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${xoal.ingest.prune-every}", identity = "message-id-prune",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return prune().replaceWithVoid();
    }

    /** Advances the generations, then forgets what lies beyond the window; returns how many generations were dropped. */
    public Uni<Integer> prune() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(config.dedupWindow());
        return generations.advance(now)
                .chain(() -> pool.preparedQuery(PRUNE_REJECTIONS).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC))))
                .chain(() -> generations.forget(cutoff));
    }
}
