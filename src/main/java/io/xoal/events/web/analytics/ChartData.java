package io.xoal.events.web.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xoal.events.analytics.AnalyticsViews;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The JSON a {@code data-chart} figure carries for app.js: {@code x} in epoch seconds and the
 * series' values. Built as a Jackson tree (no reflection), and safe inside a script element:
 * every {@code <} is written as {@code \u003c}, so no event name can close the element.
 */
final class ChartData {

    private final ObjectNode root;
    private final ArrayNode series;
    private final int length;

    ChartData(ObjectMapper mapper, List<AnalyticsViews.Point> points, String tz) {
        root = mapper.createObjectNode();
        ArrayNode x = root.putArray("x");
        points.forEach(p -> x.add(OffsetDateTime.parse(p.start()).toEpochSecond()));
        series = root.putArray("series");
        length = points.size();
        root.put("tz", tz);
    }

    /** A series by bucket index; a shorter one (a previous period with fewer buckets) ends in gaps, a longer one is cut. */
    ChartData series(String label, List<AnalyticsViews.Point> points, boolean dashed) {
        ObjectNode s = series.addObject().put("label", label);
        if (dashed) {
            s.put("dashed", true);
        }
        ArrayNode values = s.putArray("values");
        for (int k = 0; k < length; k++) {
            if (k < points.size()) {
                values.add(points.get(k).value());
            } else {
                values.addNull();
            }
        }
        return this;
    }

    String json() {
        return root.toString().replace("<", "\\u003c");
    }
}
