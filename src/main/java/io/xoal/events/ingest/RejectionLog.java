package io.xoal.events.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import static io.xoal.events.common.Instants.utc;

/**
 * Records the items a request sent that were not stored ({@code ingest_rejections}, shown by
 * {@code GET /v1/events/rejected}) and counts them ({@code xoal_ingest_rejected_total{source}}),
 * so that an SDK that ignores replies never loses an event unseen.
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
        Counter.builder("xoal.ingest.refused.requests").tag("source", source).register(registry).increment();
    }

    Uni<Void> record(long workspaceId, Instant receivedAt, String source, List<IngestReply.Rejected> rejected,
                     List<IngestBodyReader.Item> items) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Counter.builder("xoal.ingest.rejected").tag("source", source).register(registry).increment(rejected.size());
        return pool.preparedQuery(INSERT).execute(Tuple.of(workspaceId, utc(receivedAt), source,
                        rejected.stream().map(IngestReply.Rejected::index).toArray(Integer[]::new),
                        rejected.stream().map(r -> json(r.errors())).toArray(String[]::new),
                        rejected.stream().map(r -> payload(items.get(r.index()))).toArray(String[]::new)))
                .replaceWithVoid();
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
