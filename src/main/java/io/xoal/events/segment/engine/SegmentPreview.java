package io.xoal.events.segment.engine;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.SegmentConfig;
import io.xoal.events.segment.SegmentGraph;
import io.xoal.events.segment.SegmentViews;
import io.xoal.events.segment.definition.DefinitionFacts;
import io.xoal.events.segment.definition.DefinitionParser;
import io.xoal.events.segment.definition.Node;
import io.xoal.events.segment.definition.SegmentSql;
import io.xoal.events.segment.definition.SqlParams;
import io.xoal.events.segment.ledger.LedgerViews;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an unsaved definition against the data as it is now: how many customers match and a
 * sample, and with a backtest the size it would have had at each step back in time. Runs in a
 * READ ONLY transaction with a statement timeout, so it changes nothing and cannot hog the database.
 */
@ApplicationScoped
public class SegmentPreview {

    private final Pool pool;
    private final SegmentConfig config;
    private final Clock clock;

    public SegmentPreview(Pool pool, SegmentConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    public Uni<SegmentViews.Preview> preview(long workspaceId, SegmentViews.PreviewInput input) {
        Node root = DefinitionParser.parse(input.definition(), "/definition");
        List<Node.InSegment> references = DefinitionFacts.of(root).segments();
        Instant now = clock.instant();
        List<Instant> points = input.history() == null ? null : Backtest.points(input.history(), now);
        SqlParams params = new SqlParams();
        String matches = SegmentSql.matches(root, workspaceId, now, new SegmentSql.Scope.All(), params);
        String sql = "WITH " + matches + "\nSELECT count(*) OVER () AS total, m.usid, c.external_id, c.email "
                + "FROM matches m JOIN customers c ON c.usid = m.usid ORDER BY m.usid DESC LIMIT " + config.previewSample();
        long started = System.nanoTime();
        // One snapshot for the count, the sample and every point of a backtest.
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                        .chain(() -> conn.query("SET LOCAL statement_timeout = " + config.previewTimeout().toMillis()).execute())
                        .chain(() -> conn.preparedQuery("SELECT id FROM segments WHERE workspace_id = $1 AND id = ANY($2)")
                                .execute(Tuple.of(workspaceId, references.stream().map(Node.InSegment::segmentId).toArray(Long[]::new))))
                        .invoke(found -> {
                            Map<Long, List<Long>> existing = new HashMap<>();
                            found.forEach(row -> existing.put(row.getLong("id"), List.of()));
                            SegmentGraph.check(null, references, existing);
                        })
                        .chain(() -> conn.preparedQuery(sql).execute(params.tuple()))
                        .chain(rows -> history(conn, workspaceId, root, points)
                                .map(history -> preview(rows, history, started))))
                .onFailure().transform(failure -> ProblemException.whenTimedOut(failure,
                        "The preview took longer than " + config.previewTimeout().toSeconds() + " s; narrow the definition"));
    }

    /** The size at each point, one statement each (each under the time limit), or null without a backtest. */
    private static Uni<List<SegmentViews.SizeAt>> history(SqlConnection conn, long workspaceId, Node root, List<Instant> points) {
        if (points == null) {
            return Uni.createFrom().nullItem();
        }
        return Multi.createFrom().iterable(points)
                .onItem().transformToUniAndConcatenate(at -> sizeAt(conn, workspaceId, root, at))
                .collect().asList();
    }

    private static Uni<SegmentViews.SizeAt> sizeAt(SqlConnection conn, long workspaceId, Node root, Instant at) {
        SqlParams params = new SqlParams();
        String sql = "WITH " + SegmentSql.matchesAt(root, workspaceId, at, params) + "\nSELECT count(*) AS n FROM matches";
        return conn.preparedQuery(sql).execute(params.tuple())
                .map(rows -> new SegmentViews.SizeAt(at, rows.iterator().next().getLong("n")));
    }

    private static SegmentViews.Preview preview(RowSet<Row> rows, List<SegmentViews.SizeAt> history, long started) {
        long total = 0;
        List<LedgerViews.Member> sample = new ArrayList<>();
        for (Row row : rows) {
            total = row.getLong("total");
            sample.add(new LedgerViews.Member(row.getLong("usid"), row.getString("external_id"), row.getString("email"), null, null));
        }
        return new SegmentViews.Preview(total, sample, (System.nanoTime() - started) / 1_000_000, history);
    }
}
