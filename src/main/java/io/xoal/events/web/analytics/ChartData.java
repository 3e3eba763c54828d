package io.xoal.events.web.analytics;

import io.xoal.events.analytics.AnalyticsViews;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** An analytics series as a chart's axis and values ({@link io.xoal.events.web.ChartJson}). */
final class ChartData {

    private ChartData() {
    }

    /** Each bucket's start. */
    static List<Instant> starts(List<AnalyticsViews.Point> points) {
        return points.stream().map(p -> OffsetDateTime.parse(p.start()).toInstant()).toList();
    }

    static List<Long> values(List<AnalyticsViews.Point> points) {
        return points.stream().map(AnalyticsViews.Point::value).toList();
    }
}
