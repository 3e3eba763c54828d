package io.xoal.events.common;

import java.util.Map;

import static io.restassured.RestAssured.get;

/** Reads values out of the Prometheus scrape at {@code /q/metrics}, so that tests assert a meter moved, not that it exists. */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of every sample of {@code name} whose labels include {@code labels}; 0 when there is none. */
    public static double value(String name, Map<String, String> labels) {
        String scrape = get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String series = line.substring(0, line.lastIndexOf(' '));
                if (labels.entrySet().stream().allMatch(l -> series.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    public static double value(String name) {
        return value(name, Map.of());
    }
}
