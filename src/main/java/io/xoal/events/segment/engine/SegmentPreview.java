package io.xoal.events.segment.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
 * sample. Runs in a READ ONLY transaction with a statement timeout, so it changes nothing and
 * cannot hog the database.
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

    public Uni<SegmentViews.Preview> preview(long workspaceId, JsonNode definition) {
        Node root = DefinitionParser.parse(definition, "/definition");
        List<Node.InSegment> references = DefinitionFacts.of(root).segments();
        Instant now = clock.instant();
        SqlParams params = new SqlParams();
        String matches = SegmentSql.matches(root, workspaceId, now, new SegmentSql.Scope.All(), params);
        String sql = "WITH " + matches + "\nSELECT count(*) OVER () AS total, m.usid, c.external_id, c.email "
                + "FROM matches m JOIN customers c ON c.usid = m.usid ORDER BY m.usid DESC LIMIT " + config.previewSample();
        long started = System.nanoTime();
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION READ ONLY").execute()
                        .chain(() -> conn.query("SET LOCAL statement_timeout = " + config.previewTimeout().toMillis()).execute())
                        .chain(() -> conn.preparedQuery("SELECT id FROM segments WHERE workspace_id = $1 AND id = ANY($2)")
                                .execute(Tuple.of(workspaceId, references.stream().map(Node.InSegment::segmentId).toArray(Long[]::new))))
                        .invoke(found -> {
                            Map<Long, List<Long>> existing = new HashMap<>();
                            found.forEach(row -> existing.put(row.getLong("id"), List.of()));
                            SegmentGraph.check(null, references, existing);
                        })
                        .chain(() -> conn.preparedQuery(sql).execute(params.tuple())))
                .onFailure().transform(failure -> ProblemException.whenTimedOut(failure,
                        "The preview took longer than " + config.previewTimeout().toSeconds() + " s; narrow the definition"))
                .map(rows -> {
                    long total = 0;
                    List<LedgerViews.Member> sample = new ArrayList<>();
                    for (Row row : rows) {
                        total = row.getLong("total");
                        sample.add(new LedgerViews.Member(row.getLong("usid"), row.getString("external_id"),
                                row.getString("email"), null, null));
                    }
                    return new SegmentViews.Preview(total, sample, (System.nanoTime() - started) / 1_000_000);
                });
    }
}
