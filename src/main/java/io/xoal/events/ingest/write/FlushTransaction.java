package io.xoal.events.ingest.write;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.pgclient.PgException;
import io.xoal.events.error.ProblemException;
import io.xoal.events.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs a flush's statements in one transaction whose outcome is always known to the caller:
 * committed, rolled back, or — only when the connection is lost while COMMIT is pending —
 * unknown. Past {@code flush-timeout}, a transaction that has not sent COMMIT is cancelled in
 * PostgreSQL and rolled back before it fails, so that a 503 never hides a commit that happens
 * later; a COMMIT already sent is waited for, since only PostgreSQL knows its outcome.
 */
@ApplicationScoped
class FlushTransaction {

    /** A cancel that reaches the backend between two statements is ignored by PostgreSQL: send it again. */
    private static final long CANCEL_AGAIN_MS = 200;

    private final Pool pool;
    private final Vertx vertx;
    private final IngestConfig config;

    FlushTransaction(Pool pool, Vertx vertx, IngestConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        return pool.getConnection().chain(conn -> {
            Attempt attempt = new Attempt(conn);
            return conn.begin()
                    .chain(tx -> work.apply(conn)
                            .call(attempt::commitUnlessExpired)
                            .call(() -> attempt.commit(tx))
                            .onFailure(failure -> !attempt.committing()).call(() -> attempt.rollback(tx)))
                    .eventually(attempt::end)
                    .onFailure().transform(attempt::explain);
        });
    }

    private enum State { RUNNING, EXPIRED, COMMITTING }

    /** One transaction's race between its statements and its deadline. */
    private final class Attempt {

        private final SqlConnection conn;
        private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
        private final long timer;
        private volatile long repeat = -1;
        private CompletionStage<Void> cancel = CompletableFuture.completedFuture(null);
        private boolean ended;
        private volatile boolean rolledBack;

        Attempt(SqlConnection conn) {
            this.conn = conn;
            this.timer = vertx.setTimer(Math.max(1, config.flushTimeout().toMillis()), id -> expire());
        }

        boolean committing() {
            return state.get() == State.COMMITTING;
        }

        /** Past the deadline the statement under way is cancelled; nothing will be committed. */
        private void expire() {
            if (state.compareAndSet(State.RUNNING, State.EXPIRED)) {
                cancel();
                repeat = vertx.setPeriodic(CANCEL_AGAIN_MS, id -> cancel());
            }
        }

        private synchronized void cancel() {
            if (ended) {
                vertx.cancelTimer(repeat);
                return;
            }
            cancel = cancel.thenCompose(done -> PgConnection.cast(conn).cancelRequest()
                    .onFailure().recoverWithNull()
                    .subscribeAsCompletionStage());
        }

        Uni<Void> commitUnlessExpired() {
            return state.compareAndSet(State.RUNNING, State.COMMITTING)
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new IllegalStateException("the flush timed out"));
        }

        /** Only a failure PostgreSQL itself answered proves the COMMIT did not happen. */
        Uni<Void> commit(Transaction tx) {
            return tx.commit()
                    .onFailure(failure -> !(failure instanceof PgException))
                    .transform(CommitLost::new);
        }

        Uni<Void> rollback(Transaction tx) {
            return tx.rollback()
                    .invoke(() -> rolledBack = true)
                    .onFailure().recoverWithNull();
        }

        Throwable explain(Throwable failure) {
            if (failure instanceof CommitLost) {
                return ProblemException.outcomeUnknown("The connection to the event store was lost while it "
                        + "committed: this request may or may not be stored. Retry with the same messageIds; "
                        + "an event without a messageId may then be stored twice.");
            }
            if (state.get() == State.EXPIRED) {
                return ProblemException.unavailable("Storing the events took longer than " + config.flushTimeout()
                        + "; the transaction was rolled back and nothing of this request was stored. Retry later.");
            }
            return failure;
        }

        /**
         * The connection goes back to the pool only once no cancel of ours can reach it any more
         * (one signalled by then is consumed while the backend idles), and with no transaction
         * open: a cancel may have hit the ROLLBACK itself.
         */
        Uni<Void> end() {
            vertx.cancelTimer(timer);
            CompletionStage<Void> last;
            synchronized (this) {
                ended = true;
                last = cancel;
            }
            if (repeat >= 0) {
                vertx.cancelTimer(repeat);
            }
            Uni<Void> settled = Uni.createFrom().completionStage(last).onFailure().recoverWithNull();
            if (state.get() == State.EXPIRED && !rolledBack) {
                settled = settled.chain(() -> Uni.createFrom().deferred(() -> conn.query("ROLLBACK").execute())
                        .onFailure().recoverWithNull()
                        .replaceWithVoid());
            }
            return settled.chain(conn::close);
        }
    }

    /** The connection failed while COMMIT was pending: PostgreSQL may have committed or not. */
    private static final class CommitLost extends RuntimeException {
        CommitLost(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }
}
