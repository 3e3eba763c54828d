package io.xoal.events.ingest.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.List;

/** Runs statements that share their arguments one after the other on one connection. */
final class SqlSteps {

    private SqlSteps() {
    }

    static Uni<Void> run(SqlConnection conn, List<String> statements, Tuple args) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String statement : statements) {
            chain = chain.chain(() -> conn.preparedQuery(statement).execute(args)).replaceWithVoid();
        }
        return chain;
    }
}
