package io.xoal.events.workflow.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Instants;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code xoal.workflows.due.lag}: how long the oldest {@code ready} run has been due (0
 * when none is), refreshed by a cheap query (the first entry of the {@code workflow_runs_due}
 * partial index). It grows when the pollers cannot keep up.
 */
@ApplicationScoped
public class DueRunLag {

    private static final String OLDEST = "SELECT min(due_at) AS due FROM workflow_runs WHERE state = 'ready' AND due_at <= $1";

    private final Pool pool;
    private final AtomicLong millis = new AtomicLong();

    public DueRunLag(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("xoal.workflows.due.lag", millis, lag -> lag.get() / 1000.0)
                .description("Seconds since the oldest ready workflow run became due; 0 when none is waiting for a poller")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Reads the oldest due run as of {@code now}; the answer is the lag. */
    public Uni<Duration> refresh(Instant now) {
        return pool.preparedQuery(OLDEST).execute(Tuple.of(Instants.utc(now)))
                .map(rows -> {
                    OffsetDateTime due = rows.iterator().next().getOffsetDateTime("due");
                    Duration lag = due == null ? Duration.ZERO : Duration.between(due.toInstant(), now);
                    millis.set(lag.toMillis());
                    return lag;
                });
    }
}
