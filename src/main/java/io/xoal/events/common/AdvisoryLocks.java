package io.xoal.events.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.function.Function;

/** Work one replica does at a time: a transaction that first takes an advisory lock, without waiting for it. */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** {@code work}'s count, in a transaction holding {@code lock}; 0 without running it when another holds the lock. */
    public static Uni<Integer> ifFree(Pool pool, long lock, Function<SqlConnection, Uni<Integer>> work) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(lock))
                .chain(rows -> rows.iterator().next().getBoolean("locked") ? work.apply(conn) : Uni.createFrom().item(0)));
    }
}
