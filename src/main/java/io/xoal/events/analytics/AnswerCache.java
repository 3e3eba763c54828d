package io.xoal.events.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.common.Hashes;
import io.xoal.events.common.Instants;
import io.xoal.events.segment.definition.SqlParams;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Answers of dear analytics reads (funnels, retention) kept in {@code analytics_answers} (V20) for
 * every replica, and served again exactly as long as they hold: while every hourly count row
 * ({@code event_counts_hourly}, written by triggers for each insert, delete and move of a
 * customer's event) of the answer's event names and hours is visible in the snapshot the answer
 * was read in. An event of those names in those hours written, removed or moved since — even in a
 * transaction that was open then — makes a row that snapshot did not see, and the answer is read anew.
 */
@ApplicationScoped
public class AnswerCache {

    private static final Logger LOG = Logger.getLogger(AnswerCache.class);

    private static final String LOOKUP = """
            SELECT a.answer FROM analytics_answers a
            WHERE a.workspace_id = $1 AND a.request_key = $2
              AND NOT EXISTS (SELECT 1 FROM event_counts_hourly c
                              WHERE c.workspace_id = a.workspace_id AND c.name = ANY(a.names)
                                AND c.hour >= a.hours_from AND c.hour < a.hours_to
                                AND NOT pg_visible_in_snapshot(c.writer, a.snapshot))""";

    private static final String STORE = """
            INSERT INTO analytics_answers (workspace_id, request_key, names, hours_from, hours_to, snapshot, answer, computed_at)
            VALUES ($1, $2, $3, $4, $5, $6::pg_snapshot, $7, $8)
            ON CONFLICT (workspace_id, request_key) DO UPDATE
            SET names = EXCLUDED.names, hours_from = EXCLUDED.hours_from, hours_to = EXCLUDED.hours_to,
                snapshot = EXCLUDED.snapshot, answer = EXCLUDED.answer, computed_at = EXCLUDED.computed_at""";

    private final Pool pool;
    private final AnalyticsReads reads;
    private final ObjectMapper mapper;
    private final Clock clock;

    public AnswerCache(Pool pool, AnalyticsReads reads, ObjectMapper mapper, Clock clock) {
        this.pool = pool;
        this.reads = reads;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * The answer of {@code sql}: the stored one while it holds, else read (in a snapshot), turned into
     * {@code T} by {@code view} and stored. {@code names} and {@code [from, to)} bound the events it
     * depends on; {@code extra} is whatever else the view depends on (e.g. how much of a grid has begun).
     */
    public <T> Uni<T> answer(long workspaceId, String sql, SqlParams params, String extra, List<String> names,
                             Instant from, Instant to, Class<T> type, Function<AnalyticsReads.Snapshotted, T> view) {
        byte[] key = Hashes.sha256(sql + '\u0001' + params.describe() + '\u0001' + extra);
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(workspaceId, key))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next().getString("answer"), type) : null)
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf(failure, "Analytics answer lookup failed; reading anew");
                    return null;
                })
                .onItem().ifNull().switchTo(() -> reads.readInSnapshot(sql, params)
                        .chain(read -> {
                            T answer = view.apply(read);
                            return store(workspaceId, key, names, from, to, read.snapshot(), answer).replaceWith(answer);
                        }));
    }

    private Uni<Void> store(long workspaceId, byte[] key, List<String> names, Instant from, Instant to, String snapshot, Object answer) {
        String json;
        try {
            json = mapper.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return pool.preparedQuery(STORE)
                .execute(Tuple.from(new Object[]{workspaceId, key, names.toArray(String[]::new), Instants.utc(from), Instants.utc(to),
                        snapshot, json, Instants.utc(clock.instant())}))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf(failure, "Analytics answer not stored; it is read anew next time");
                    return null;
                })
                .replaceWithVoid();
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            LOG.debugf(e, "A stored analytics answer does not read as %s; reading anew", type.getSimpleName());
            return null;
        }
    }

}
