package io.xoal.events.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.xoal.events.common.Limits;
import io.xoal.events.segment.definition.SqlParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Top events, the per-customer frequency distribution of one event, and its stickiness (DAU/MAU). */
@ApplicationScoped
public class EventStatisticsService {

    /** Frequency buckets: {min, max} times, max 0 for no upper bound. */
    private static final long[][] FREQUENCIES = {{1, 1}, {2, 5}, {6, 20}, {21, 0}};

    private final AnalyticsReads reads;
    private final AnalyticsConfig config;
    private final Clock clock;

    public EventStatisticsService(AnalyticsReads reads, AnalyticsConfig config, Clock clock) {
        this.reads = reads;
        this.config = config;
        this.clock = clock;
    }

    public Uni<AnalyticsViews.TopEvents> top(long workspaceId, String from, String to, Integer limit, String tz) {
        Span span = whole(from, to, tz);
        SqlParams params = new SqlParams();
        Activity activity = Activity.of(workspaceId, null, span, params);
        String sql = "SELECT s.name, sum(s.n) AS count, count(DISTINCT s.subject_id) AS uniques FROM (" + activity.sql()
                + ") s GROUP BY s.name ORDER BY count DESC, s.name LIMIT " + params.add(Limits.clamp(limit, 20, 100), "int");
        return reads.read(sql, params).map(rows -> {
            List<AnalyticsViews.TopEvent> events = new ArrayList<>();
            rows.forEach(row -> events.add(new AnalyticsViews.TopEvent(row.getString("name"), row.getLong("count"), row.getLong("uniques"))));
            return new AnalyticsViews.TopEvents(span.zone().getId(), span.local(span.from()), span.local(span.to()), activity.source(), events);
        });
    }

    public Uni<AnalyticsViews.Frequency> frequency(long workspaceId, String event, String from, String to, String tz) {
        String name = AnalyticsParams.event(event, "/event");
        Span span = whole(from, to, tz);
        SqlParams params = new SqlParams();
        Activity activity = Activity.of(workspaceId, List.of(name), span, params);
        StringBuilder sql = new StringBuilder("WITH per AS (SELECT s.subject_id, sum(s.n) AS n FROM (" + activity.sql()
                + ") s GROUP BY s.subject_id) SELECT count(*) AS customers");
        for (int i = 0; i < FREQUENCIES.length; i++) {
            long[] f = FREQUENCIES[i];
            sql.append(", count(*) FILTER (WHERE n >= ").append(f[0]).append(f[1] > 0 ? " AND n <= " + f[1] : "").append(") AS f").append(i);
        }
        return reads.read(sql.append(" FROM per").toString(), params).map(rows -> {
            Row row = rows.iterator().next();
            List<AnalyticsViews.FrequencyBucket> buckets = new ArrayList<>();
            for (int i = 0; i < FREQUENCIES.length; i++) {
                long[] f = FREQUENCIES[i];
                String label = f[1] == 0 ? f[0] + "+" : f[0] == f[1] ? String.valueOf(f[0]) : f[0] + "-" + f[1];
                buckets.add(new AnalyticsViews.FrequencyBucket(label, f[0], f[1] == 0 ? null : f[1], row.getLong("f" + i)));
            }
            return new AnalyticsViews.Frequency(span.zone().getId(), name, span.local(span.from()), span.local(span.to()),
                    activity.source(), row.getLong("customers"), buckets);
        });
    }

    public Uni<AnalyticsViews.Stickiness> stickiness(long workspaceId, String event, String from, String to, String tz) {
        String name = AnalyticsParams.event(event, "/event");
        ZoneId zone = AnalyticsParams.zone(tz, "/tz");
        AnalyticsParams.Range range = AnalyticsParams.range(from, to, zone, clock, "/from", "/to");
        Span span = Span.of(zone, Interval.DAY, range.from(), range.to(), config.maxBuckets(), "/from");
        SqlParams params = new SqlParams();
        Activity activity = Activity.of(workspaceId, List.of(name), span, params);
        // One pass: the daily uniques and, in the empty grouping set (b NULL), the uniques over the whole range.
        String sql = "SELECT s.b, count(DISTINCT s.subject_id) AS u FROM (" + activity.sql() + ") s GROUP BY GROUPING SETS ((s.b), ())";
        return reads.read(sql, params).map(rows -> {
            long[] daily = new long[span.buckets()];
            long uniques = 0;
            for (Row row : rows) {
                if (row.getInteger("b") == null) {
                    uniques = row.getLong("u");
                } else {
                    daily[row.getInteger("b") - 1] = row.getLong("u");
                }
            }
            double average = (double) Arrays.stream(daily).sum() / daily.length;
            return new AnalyticsViews.Stickiness(zone.getId(), name, span.local(span.from()), span.local(span.to()), activity.source(),
                    round(average), uniques, uniques == 0 ? 0 : round(average / uniques), TrendService.points(span, daily));
        });
    }

    private Span whole(String from, String to, String tz) {
        ZoneId zone = AnalyticsParams.zone(tz, "/tz");
        AnalyticsParams.Range range = AnalyticsParams.range(from, to, zone, clock, "/from", "/to");
        return Span.whole(zone, range.from(), range.to());
    }

    /** Four decimals: enough for a ratio on a chart, stable in tests. */
    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
