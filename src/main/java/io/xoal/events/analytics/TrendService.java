package io.xoal.events.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.xoal.events.error.ProblemException;
import io.xoal.events.segment.definition.SqlParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Trends: per event, its count or its distinct customers in each bucket of a range, zero-filled. */
@ApplicationScoped
public class TrendService {

    /** Most events one trends request may chart. */
    static final int MAX_EVENTS = 10;

    /** What a bucket's value counts. */
    enum Measure {
        TOTAL("sum(s.n)"), UNIQUES("count(DISTINCT s.subject_id)");

        private final String sql;

        Measure(String sql) {
            this.sql = sql;
        }
    }

    private final AnalyticsReads reads;
    private final AnalyticsConfig config;
    private final Clock clock;

    public TrendService(AnalyticsReads reads, AnalyticsConfig config, Clock clock) {
        this.reads = reads;
        this.config = config;
        this.clock = clock;
    }

    public Uni<AnalyticsViews.Trends> trends(long workspaceId, String events, String from, String to, String interval,
                                             String measure, String tz, String compare) {
        List<String> names = events == null ? List.of()
                : Arrays.stream(events.split(",")).map(String::trim).filter(n -> !n.isEmpty()).distinct().toList();
        if (names.isEmpty() || names.size() > MAX_EVENTS) {
            throw ProblemException.invalidField("/events", "must name 1 to " + MAX_EVENTS + " events, separated by commas");
        }
        ZoneId zone = AnalyticsParams.zone(tz, "/tz");
        AnalyticsParams.Range range = AnalyticsParams.range(from, to, zone, clock, "/from", "/to");
        Interval width = AnalyticsParams.choice(Interval.class, interval, Interval.DAY, "/interval");
        Measure what = AnalyticsParams.choice(Measure.class, measure, Measure.TOTAL, "/measure");
        if (compare != null && !compare.isBlank() && !"previous".equals(compare)) {
            throw ProblemException.invalidField("/compare", "must be previous (or absent)");
        }
        Span span = Span.of(zone, width, range.from(), range.to(), config.maxBuckets(), "/interval");
        Uni<Answer> current = series(workspaceId, names, span, what);
        if (compare == null || compare.isBlank()) {
            return current.map(now -> trends(zone, width, what, span, now, null));
        }
        Duration length = Duration.between(range.from(), range.to());
        Span before = Span.of(zone, width, range.from().minus(length), range.from(), config.maxBuckets(), "/interval");
        return current.chain(now -> series(workspaceId, names, before, what)
                .map(then -> trends(zone, width, what, span, now,
                        new AnalyticsViews.Comparison(before.local(before.from()), before.local(before.to()), then.series()))));
    }

    private static AnalyticsViews.Trends trends(ZoneId zone, Interval width, Measure what, Span span, Answer now,
                                                AnalyticsViews.Comparison compare) {
        return new AnalyticsViews.Trends(zone.getId(), width.json(), what.name().toLowerCase(Locale.ROOT), span.local(span.from()),
                span.local(span.to()), now.source(), now.series(), compare);
    }

    private Uni<Answer> series(long workspaceId, List<String> names, Span span, Measure what) {
        SqlParams params = new SqlParams();
        String sql;
        String source;
        if (what == Measure.TOTAL && span.hourlyCountsAreExact()) {
            sql = HourlyCounts.totals(workspaceId, names, span, params);
            source = "event_counts_hourly";
        } else {
            Activity activity = Activity.of(workspaceId, names, span, params);
            sql = "SELECT s.name, s.b, " + what.sql + " AS v FROM (" + activity.sql() + ") s GROUP BY s.name, s.b";
            source = activity.source();
        }
        return reads.read(sql, params).map(rows -> {
            Map<String, long[]> values = new LinkedHashMap<>();
            names.forEach(name -> values.put(name, new long[span.buckets()]));
            for (Row row : rows) {
                values.get(row.getString("name"))[row.getInteger("b") - 1] = row.getLong("v");
            }
            List<AnalyticsViews.Series> series = new ArrayList<>();
            values.forEach((name, counts) -> series.add(new AnalyticsViews.Series(name, Arrays.stream(counts).sum(), points(span, counts))));
            return new Answer(source, series);
        });
    }

    /** The zero-filled points of {@code values}, one per bucket of {@code span}. */
    static List<AnalyticsViews.Point> points(Span span, long[] values) {
        List<AnalyticsViews.Point> points = new ArrayList<>(values.length);
        for (int k = 0; k < values.length; k++) {
            points.add(new AnalyticsViews.Point(span.start(k), values[k]));
        }
        return points;
    }

    private record Answer(String source, List<AnalyticsViews.Series> series) {
    }
}
