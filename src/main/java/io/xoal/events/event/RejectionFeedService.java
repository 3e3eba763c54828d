package io.xoal.events.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Limits;
import io.xoal.events.common.Page;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the rejected-items log newest first, so that no rejected event goes unseen. */
@ApplicationScoped
public class RejectionFeedService {

    private static final String SELECT = """
            SELECT id, received_at, source, item_index, errors::text AS errors, payload FROM ingest_rejections
            WHERE workspace_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3""";

    private final Pool pool;
    private final ObjectMapper mapper;

    public RejectionFeedService(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Page<RejectedItem>> list(long workspaceId, String cursor, Integer limit) {
        int size = Limits.clamp(limit, 100, 1000);
        return pool.preparedQuery(SELECT)
                .execute(Tuple.of(workspaceId, Limits.cursor(cursor), size + 1))
                .map(rows -> {
                    List<RejectedItem> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(item(row));
                    }
                    return Page.of(items, size, RejectedItem::id);
                });
    }

    private RejectedItem item(Row row) {
        try {
            return new RejectedItem(row.getLong("id"), row.getOffsetDateTime("received_at").toInstant(),
                    row.getString("source"), row.getInteger("item_index"), mapper.readTree(row.getString("errors")),
                    row.getString("payload"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
