package io.xoal.events.ingest.partition;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.xoal.events.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Partition DDL that never stalls the tables it changes: a new partition is created on its own and then attached
 * (SHARE UPDATE EXCLUSIVE on the parent, which ingest and reads do not conflict with), an old one is detached
 * concurrently before it is dropped. Every lock wait is bounded by {@code lock_timeout} and retried, so a queued
 * DDL statement never holds up the statements behind it for long. Names and bounds are built from dates only.
 */
@ApplicationScoped
public class PartitionDdl {

    private final Pool pool;
    private final IngestConfig config;

    public PartitionDdl(Pool pool, IngestConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Creates {@code name} like {@code parent} and attaches it {@code FOR VALUES <bounds>}, unless already attached. */
    public Uni<Void> attach(String parent, String name, String bounds) {
        return retried(pool.withTransaction(conn -> conn.query("SET LOCAL lock_timeout = " + timeoutMillis()).execute()
                .chain(() -> conn.query("SELECT pg_advisory_xact_lock(" + Keys.DDL + ")").execute())
                .chain(() -> conn.query("SELECT 1 FROM pg_class WHERE relname = '" + name + "' AND relispartition").execute())
                .chain(found -> found.size() > 0 ? Uni.createFrom().voidItem() : conn.query(
                                "CREATE TABLE IF NOT EXISTS " + name + " (LIKE " + parent + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
                        .execute()
                        .chain(() -> conn.query("ALTER TABLE " + parent + " ATTACH PARTITION " + name + " FOR VALUES " + bounds).execute())
                        .replaceWithVoid())));
    }

    /**
     * Detaches {@code name} from {@code parent} without blocking its readers and writers, then drops it. CONCURRENTLY
     * cannot run inside a transaction, so the session's lock and timeout are set and reset around it; a detach that
     * was interrupted half-way is finished first.
     */
    public Uni<Void> drop(String parent, String name) {
        return retried(pool.withConnection(conn -> conn.query("SET lock_timeout = " + timeoutMillis()).execute()
                .chain(() -> conn.query("SELECT pg_advisory_lock(" + Keys.DDL + ")").execute())
                .chain(() -> conn.query("""
                        SELECT i.inhdetachpending FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE c.relname = '%s'""".formatted(name)).execute())
                .chain(rows -> !rows.iterator().hasNext() ? Uni.createFrom().voidItem()
                        : conn.query("ALTER TABLE " + parent + " DETACH PARTITION " + name
                                + (rows.iterator().next().getBoolean(0) ? " FINALIZE" : " CONCURRENTLY")).execute().replaceWithVoid())
                .chain(() -> conn.query("DROP TABLE IF EXISTS " + name).execute())
                .replaceWithVoid()
                .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + Keys.DDL + ")").execute()
                        .chain(() -> conn.query("RESET lock_timeout").execute()))));
    }

    private long timeoutMillis() {
        return config.ddlLockTimeout().toMillis();
    }

    /** Runs {@code ddl} again (each subscription takes a fresh connection) while it gave way to a held lock. */
    Uni<Void> retried(Uni<Void> ddl) {
        return ddl.onFailure(PartitionDdl::lockTimedOut).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .atMost(config.ddlAttempts());
    }

    /** 55P03: the lock was not granted within lock_timeout (someone held a conflicting lock). */
    private static boolean lockTimedOut(Throwable failure) {
        return failure instanceof PgException pg && "55P03".equals(pg.getSqlState());
    }
}
