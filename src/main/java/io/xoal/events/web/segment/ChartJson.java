package io.xoal.events.web.segment;

import java.time.Instant;
import java.util.List;

/**
 * The data of a {@code data-chart} figure (app.js): {@code {"x": [epoch seconds], "series": [{"label", "values"}]}},
 * carried in its {@code data-chart-json} attribute (app.js draws it). Written by hand: only numbers and our
 * own label go in (no Jackson, so no reflection); {@code <} is escaped all the same, should the JSON
 * ever be put in a {@code <script>} block.
 */
final class ChartJson {

    private ChartJson() {
    }

    static String line(String label, List<Instant> at, List<Long> values) {
        StringBuilder out = new StringBuilder("{\"x\":[");
        for (int i = 0; i < at.size(); i++) {
            out.append(i == 0 ? "" : ",").append(at.get(i).getEpochSecond());
        }
        out.append("],\"series\":[{\"label\":\"").append(escape(label)).append("\",\"values\":[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ",").append(values.get(i));
        }
        return out.append("]}]}").toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c");
    }
}
