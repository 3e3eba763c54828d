package io.xoal.events.analytics;

import io.xoal.events.common.TestWorkspace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.is;

/** Known events for an analytics test, ingested in one request into a fresh workspace. */
public final class AnalyticsData {

    private final List<Map<String, Object>> events = new ArrayList<>();

    /** {@code name} by customer {@code user} at the instant {@code time}, with extra properties as key, value pairs. */
    public AnalyticsData event(String name, String user, String time, Object... properties) {
        Map<String, Object> props = new HashMap<>(Map.of("userId", user, "time", time));
        for (int i = 0; i < properties.length; i += 2) {
            props.put((String) properties[i], properties[i + 1]);
        }
        events.add(Map.of("event", name, "properties", props));
        return this;
    }

    /** {@code times} events of {@code name} by {@code user}, one a minute from {@code start} (an instant in 2026-10 at 00:00 UTC + minutes). */
    AnalyticsData repeated(String name, String user, String day, int times) {
        for (int i = 0; i < times; i++) {
            event(name, user, "%sT10:%02d:00Z".formatted(day, i));
        }
        return this;
    }

    public TestWorkspace ingest() {
        TestWorkspace ws = TestWorkspace.create();
        ws.ingest().body(events).post("/ingest/v1/event").then().statusCode(200).body("accepted", is(events.size()));
        return ws;
    }
}
