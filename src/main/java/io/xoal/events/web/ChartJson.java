package io.xoal.events.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * The data of a {@code data-chart} figure for app.js: {@code {"x": [epoch seconds], "series":
 * [{"label", "values", "dashed"?}], "tz"?}}. A Jackson tree (no reflection); every {@code <} is
 * written as {@code \u003c}, so no label can close a {@code <script>} block the JSON is put in.
 */
public final class ChartJson {

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final ArrayNode series;
    private final int length;

    private ChartJson(List<Instant> x, String tz) {
        ArrayNode axis = root.putArray("x");
        x.forEach(at -> axis.add(at.getEpochSecond()));
        series = root.putArray("series");
        length = x.size();
        if (tz != null) {
            root.put("tz", tz);
        }
    }

    /** A chart over these instants; {@code tz} (nullable) is the IANA zone its axis is labelled in. */
    public static ChartJson over(List<Instant> x, String tz) {
        return new ChartJson(x, tz);
    }

    /** One line of one series over {@code x}. */
    public static String line(String label, List<Instant> x, List<? extends Number> values) {
        return over(x, null).series(label, values, false).json();
    }

    /** A series by index on the axis: a shorter one (a previous period with fewer buckets) ends in gaps, a longer one is cut. */
    public ChartJson series(String label, List<? extends Number> values, boolean dashed) {
        ObjectNode s = series.addObject().put("label", label);
        if (dashed) {
            s.put("dashed", true);
        }
        ArrayNode points = s.putArray("values");
        for (int k = 0; k < length; k++) {
            Number value = k < values.size() ? values.get(k) : null;
            if (value == null) {
                points.addNull();
            } else {
                points.add(value.doubleValue() == value.longValue() ? JsonNodeFactory.instance.numberNode(value.longValue())
                        : JsonNodeFactory.instance.numberNode(value.doubleValue()));
            }
        }
        return this;
    }

    public String json() {
        return root.toString().replace("<", "\\u003c");
    }
}
