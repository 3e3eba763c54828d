package io.xoal.events.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static io.xoal.events.common.Instants.utc;

/**
 * Records the items a request sent that were not stored ({@code ingest_rejections}, shown by
 * {@code GET /v1/events/rejected}) and counts them ({@code xoal_ingest_rejected_total{source}}),
 * so that an SDK that ignores replies never loses an event unseen. The rows are written in the
 * transaction of the request's events: both are stored, or neither.
 */
@ApplicationScoped
public class RejectionLog {

    /** The payload kept of a rejected item, enough to see what was wrong. */
    private static final int MAX_PAYLOAD = 4096;

    private static final String INSERT = """
            INSERT INTO ingest_rejections (workspace_id, received_at, source, item_index, errors, payload)
            SELECT $1, $2, $3, i, e::jsonb, p FROM unnest($4::int[], $5::text[], $6::text[]) AS t(i, e, p)""";

    private final Pool pool;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    public RejectionLog(Pool pool, ObjectMapper mapper, MeterRegistry registry) {
        this.pool = pool;
        this.mapper = mapper;
        this.registry = registry;
    }

    /** Counts a request refused as a whole (its reply said why; there is no item to keep). */
    void refused(String source) {
        Counter.builder("xoal.ingest.refused.requests")
                .description("Requests refused as a whole (malformed, too large), by source").tag("source", source).register(registry).increment();
    }

    /** Counts the rejected items of a request once its reply is sure (what it stored is committed). */
    void counted(String source, int rejected) {
        if (rejected > 0) {
            Counter.builder("xoal.ingest.rejected")
                    .description("Items of a request not stored because they were invalid, by source").tag("source", source).register(registry).increment(rejected);
        }
    }

    /** The statement that records the rejected items, to run in the transaction of the request's events. */
    Function<SqlConnection, Uni<Void>> insert(long workspaceId, Instant receivedAt, String source,
                                              List<IngestReply.Rejected> rejected, List<IngestBodyReader.Item> items) {
        if (rejected.isEmpty()) {
            return conn -> Uni.createFrom().voidItem();
        }
        Tuple rows = Tuple.of(workspaceId, utc(receivedAt), source,
                rejected.stream().map(IngestReply.Rejected::index).toArray(Integer[]::new),
                rejected.stream().map(r -> json(r.errors())).toArray(String[]::new),
                rejected.stream().map(r -> payload(items.get(r.index()))).toArray(String[]::new));
        return conn -> conn.preparedQuery(INSERT).execute(rows).replaceWithVoid();
    }

    /** Records the items of a request that stored nothing else; 503 when that fails, so the client retries. */
    Uni<Void> record(Function<SqlConnection, Uni<Void>> insert) {
        return pool.withTransaction(insert)
                .onFailure().transform(e -> ProblemException.unavailable(
                        "The rejected items could not be recorded; nothing of this request was stored. Retry later."));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String payload(IngestBodyReader.Item item) {
        String text = item.node().toString();
        return text.length() <= MAX_PAYLOAD ? text : text.substring(0, MAX_PAYLOAD) + "…";
    }
}
