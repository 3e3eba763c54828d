package io.xoal.events.segment.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.xoal.events.common.TestWorkspace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service as the test drives it: changes through the ingest and admin APIs, segments, previews, members. */
final class Api {

    private static final int READERS = 4;

    private final TestWorkspace ws;

    Api(TestWorkspace ws) {
        this.ws = ws;
    }

    /** Sends the changes in order (consecutive events in one ingest request) and applies each to the model. */
    void send(List<Change> changes, World world) {
        List<Change.Track> batch = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof Change.Track track) {
                batch.add(track);
            } else {
                track(batch);
                batch.clear();
                send(change);
            }
            world.apply(change);
        }
        track(batch);
        if (world.customers.values().stream().anyMatch(c -> c.usid == 0)) {
            usids(world);
        }
    }

    private void send(Change change) {
        if (change instanceof Change.Put put) {
            ok(ws.admin().body(put.body().toString()).put("/v1/customers/" + put.id()), 200, 201);
        } else if (change instanceof Change.AddTags add) {
            ObjectNode body = Values.JSON.objectNode();
            add.tags().forEach(body.putArray("tags")::add);
            ok(ws.admin().body(body.toString()).post("/v1/customers/" + add.id() + "/tags"), 200);
        } else if (change instanceof Change.RemoveTag remove) {
            ok(ws.admin().delete("/v1/customers/" + remove.id() + "/tags/" + remove.tag()), 200);
        }
    }

    private void track(List<Change.Track> events) {
        if (events.isEmpty()) {
            return;
        }
        ArrayNode body = Values.JSON.arrayNode();
        for (Change.Track e : events) {
            ObjectNode event = body.addObject().put("event", e.event()).put("timestamp", e.at().toString());
            event.putObject("properties").put("userId", e.id()).set("customData", e.properties());
        }
        JsonPath reply = ok(ws.ingest().body(body.toString()).post("/ingest/v1/event"), 200).jsonPath();
        assertEquals(events.size(), reply.getInt("accepted"), () -> "events refused: " + reply.prettify());
    }

    /** The usid of every customer, which orders the preview's sample (from the customer list, every page). */
    private void usids(World world) {
        String cursor = null;
        do {
            JsonPath page = ok(ws.admin().get("/v1/customers?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)), 200).jsonPath();
            List<String> ids = page.getList("items.id", String.class);
            List<Long> usids = page.getList("items.usid", Long.class);
            for (int i = 0; i < ids.size(); i++) {
                world.customers.get(ids.get(i)).usid = usids.get(i);
            }
            cursor = page.getString("next_cursor");
        } while (cursor != null);
    }

    /** Creates an active segment; its definition must be valid by the docs, so anything but 201 fails. */
    long segment(String name, JsonNode definition) {
        String body = Values.JSON.objectNode().put("name", name).set("definition", definition).toString();
        return ok(ws.admin().body(body).post("/v1/segments"), 201).jsonPath().getLong("id");
    }

    void delete(long segment) {
        ws.admin().delete("/v1/segments/" + segment);
    }

    /** Every segment's members (and preview), read by a few requests at a time (reads only: the order does not matter). */
    Map<Long, Observed> observe(Map<Long, JsonNode> definitions, boolean previews) {
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            Map<Long, Future<Observed>> pending = new LinkedHashMap<>();
            definitions.forEach((id, definition) -> pending.put(id, readers.submit(() -> new Observed(members(id), previews ? preview(definition) : null))));
            Map<Long, Observed> observed = new LinkedHashMap<>();
            for (Map.Entry<Long, Future<Observed>> entry : pending.entrySet()) {
                observed.put(entry.getKey(), entry.getValue().get());
            }
            return observed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            readers.shutdownNow();
        }
    }

    /** The preview of a definition: count and the sample's ids in order. */
    Preview preview(JsonNode definition) {
        JsonPath reply = ok(ws.admin().body(Values.JSON.objectNode().set("definition", definition).toString())
                .post("/v1/segments/preview"), 200).jsonPath();
        return new Preview(reply.getLong("count"), reply.getList("sample.id", String.class));
    }

    /** A backtest of a definition: the size at each point, oldest first. */
    Map<Instant, Long> backtest(JsonNode definition, int days, String interval) {
        ObjectNode body = Values.JSON.objectNode();
        body.set("definition", definition);
        body.putObject("history").put("days", days).put("interval", interval);
        JsonPath reply = ok(ws.admin().body(body.toString()).post("/v1/segments/preview"), 200).jsonPath();
        Map<Instant, Long> sizes = new LinkedHashMap<>();
        List<String> at = reply.getList("history.at", String.class);
        List<Long> count = reply.getList("history.count", Long.class);
        for (int i = 0; i < at.size(); i++) {
            sizes.put(Instant.parse(at.get(i)), count.get(i));
        }
        return sizes;
    }

    /** The members now, every page. */
    Set<String> members(long segment) {
        Set<String> ids = new TreeSet<>();
        String cursor = null;
        do {
            String query = "/v1/segments/" + segment + "/members?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonPath page = ok(ws.admin().get(query), 200).jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        return ids;
    }

    private static Response ok(Response response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body().asString());
    }

    /** A segment's members and the preview of its definition (null when not asked for). */
    record Observed(Set<String> members, Preview preview) {
    }

    /** What a preview answered. */
    record Preview(long count, List<String> sample) {
    }
}
