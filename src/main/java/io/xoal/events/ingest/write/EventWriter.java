package io.xoal.events.ingest.write;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.xoal.events.common.FlushCommitted;
import io.xoal.events.error.ProblemException;
import io.xoal.events.ingest.IngestConfig;
import io.xoal.events.ingest.envelope.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The group-commit writer. Concurrent requests hand their events here; they are flushed together
 * (when {@code flushMaxEvents} are waiting, or {@code maxDelay} after the first one) as one
 * {@link EventFlush} transaction, and every waiting request is completed only after that
 * transaction committed. At most {@code maxInFlight} flushes run at once; requests arriving
 * meanwhile form the next flush, up to {@code maxQueuedEvents} waiting events.
 */
@ApplicationScoped
public class EventWriter {

    private static final Logger LOG = Logger.getLogger(EventWriter.class);
    /** Races are re-run a few times, after a growing jittered pause so that the racing writers do not meet again. */
    private static final int RACE_RETRIES = 5;
    private static final Duration RACE_BACKOFF = Duration.ofMillis(10);
    private static final Duration RACE_BACKOFF_MAX = Duration.ofMillis(200);

    private final EventFlush flush;
    private final Event<FlushCommitted> committed;
    private final IngestConfig config;
    private final Vertx vertx;
    private final Timer flushTimer;
    private final DistributionSummary flushSize;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter failed;
    private final Counter refused;

    private final Deque<Pending> queue = new ArrayDeque<>();
    private int queuedEvents;
    private int inFlight;
    private boolean timerArmed;

    EventWriter(EventFlush flush, IngestConfig config, Vertx vertx, MeterRegistry registry, Event<FlushCommitted> committed) {
        this.flush = flush;
        this.committed = committed;
        this.config = config;
        this.vertx = vertx;
        this.flushTimer = Timer.builder("xoal.ingest.flush.duration")
                .description("One committed group-commit flush, from its start to its COMMIT")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.flushSize = DistributionSummary.builder("xoal.ingest.flush.events")
                .description("Events per committed flush").register(registry);
        this.accepted = outcome(registry, "accepted");
        this.duplicates = outcome(registry, "duplicate");
        this.failed = outcome(registry, "failed");
        this.refused = outcome(registry, "refused");
        Gauge.builder("xoal.ingest.queued.events", this, EventWriter::queued)
                .description("Events waiting for a flush (bounded by xoal.ingest.max-queued-events)").register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("xoal.ingest.events")
                .description("Events handed to the writer, by outcome: accepted (stored), duplicate (messageId seen), "
                        + "failed (not stored: its flush failed and the request got the error), refused (queue full: 503 at once)")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * Completes once the events are committed (or were already stored), fails with a problem
     * otherwise; {@code alongside} runs in the same transaction (the request's rejection log), so
     * that it commits with the events or not at all.
     */
    public Uni<WriteOutcome> write(List<Envelope> events, Function<SqlConnection, Uni<Void>> alongside) {
        return Uni.createFrom().emitter(emitter -> enqueue(new Pending(events, alongside, emitter)));
    }

    private synchronized int queued() {
        return queuedEvents;
    }

    private void enqueue(Pending pending) {
        List<Pending> batch = null;
        boolean admitted;
        synchronized (this) {
            admitted = queuedEvents + pending.events().size() <= config.maxQueuedEvents();
            if (admitted) {
                queue.add(pending);
                queuedEvents += pending.events().size();
                batch = take(queuedEvents >= config.flushMaxEvents());
                if (batch == null && !timerArmed && inFlight < config.maxInFlight()) {
                    timerArmed = true;
                    vertx.setTimer(Math.max(1, config.maxDelay().toMillis()), id -> onTimer());
                }
            }
        }
        if (admitted) {
            start(batch);
        } else {
            refuse(pending);
        }
    }

    private void onTimer() {
        List<Pending> batch;
        synchronized (this) {
            timerArmed = false;
            batch = take(true);
        }
        start(batch);
    }

    private void flushed() {
        List<Pending> batch;
        synchronized (this) {
            inFlight--;
            // Requests that arrived during the flush have waited long enough: go at once.
            batch = take(true);
        }
        start(batch);
    }

    /** Takes the next flush's requests when one may start; the caller holds the lock. */
    private List<Pending> take(boolean ready) {
        if (!ready || queue.isEmpty() || inFlight >= config.maxInFlight()) {
            return null;
        }
        List<Pending> batch = new ArrayList<>();
        int events = 0;
        while (!queue.isEmpty() && (batch.isEmpty() || events + queue.peek().events().size() <= config.flushMaxEvents())) {
            Pending next = queue.poll();
            batch.add(next);
            events += next.events().size();
        }
        queuedEvents -= events;
        inFlight++;
        return batch;
    }

    private void start(List<Pending> batch) {
        if (batch == null) {
            return;
        }
        run(batch)
                .onFailure(failure -> batch.size() > 1 && FlushFailure.causedByData(failure))
                .recoverWithUni(failure -> isolate(batch))
                .subscribe().with(done -> flushed(), failure -> {
                    fail(batch, failure);
                    flushed();
                });
    }

    /** Never queued, so nothing of it can be committed: the client may simply retry later. */
    private void refuse(Pending pending) {
        refused.increment(pending.events().size());
        pending.emitter().fail(ProblemException.unavailable("The writer's queue is full ("
                + config.maxQueuedEvents() + " events); nothing of this request was stored. Retry later."));
    }

    /** One flush of these requests; completes their emitters on success. */
    private Uni<Void> run(List<Pending> batch) {
        List<Envelope> events = new ArrayList<>();
        batch.forEach(p -> events.addAll(p.events()));
        Timer.Sample sample = Timer.start();
        return flush.run(events, conn -> alongside(batch, conn))
                .onFailure(FlushFailure::retryable).retry()
                .withBackOff(RACE_BACKOFF, RACE_BACKOFF_MAX).withJitter(0.5).atMost(RACE_RETRIES)
                .invoke(duplicate -> {
                    sample.stop(flushTimer);
                    flushSize.record(events.size());
                    complete(batch, duplicate);
                    committed.fire(new FlushCommitted(events.size()));
                })
                .replaceWithVoid();
    }

    private static Uni<Void> alongside(List<Pending> batch, SqlConnection conn) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Pending pending : batch) {
            chain = chain.call(() -> pending.alongside().apply(conn));
        }
        return chain;
    }

    /** A data error fails one request, not its neighbours: re-run each request alone. */
    private Uni<Void> isolate(List<Pending> batch) {
        LOG.warn("A flush was refused by PostgreSQL for its data; storing its requests one by one");
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(pending -> run(List.of(pending))
                        .onFailure().invoke(failure -> fail(List.of(pending), failure))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }

    private void complete(List<Pending> batch, boolean[] duplicate) {
        int offset = 0;
        for (Pending pending : batch) {
            int dups = 0;
            for (int i = 0; i < pending.events().size(); i++) {
                dups += duplicate[offset + i] ? 1 : 0;
            }
            offset += pending.events().size();
            accepted.increment(pending.events().size() - dups);
            duplicates.increment(dups);
            pending.emitter().complete(new WriteOutcome(pending.events().size() - dups, dups));
        }
    }

    private void fail(List<Pending> batch, Throwable failure) {
        ProblemException problem = FlushFailure.toProblem(failure);
        if (problem.status() >= 500) {
            LOG.warnf("A flush of %d request(s) failed: %s", batch.size(), failure.toString());
        }
        batch.forEach(pending -> {
            failed.increment(pending.events().size());
            pending.emitter().fail(problem);
        });
    }

    /** A request waiting for its events to be committed. */
    private record Pending(List<Envelope> events, Function<SqlConnection, Uni<Void>> alongside,
                           UniEmitter<? super WriteOutcome> emitter) {
    }
}
