package io.xoal.events.event;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.xoal.events.common.QueryPlans;
import io.xoal.events.common.TestWorkspace;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static io.xoal.events.common.TestWorkspace.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page of one subject's events, the subject named by its external id (the Events tab's
 * customer filter, {@code /v1/events?subject_type=…}, a profile's own events), reads the page's
 * rows, not all of a hot customer's events.
 */
@QuarkusTest
class SubjectFeedPlanTest {

    private static final int HOT = 1500;

    @Inject
    Pool pool;

    private TestWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
    }

    @Test
    void aHotCustomersPageReadsAboutThePage() {
        String user = unique("hot");
        ingest(HOT, i -> user);
        // Newer events of others: walking the workspace's newest events until the customer's is no shortcut either.
        ingest(HOT, i -> "other-" + (i % 500));
        // Statistics that know the customer is hot, as a production database's would, do not help a plan that cannot know who it reads.
        pool.query("ANALYZE customers, events").execute().await().indefinitely();
        FeedQuery query = FeedQuery.of(null, null, null, null, 10);
        EventFeedService.Sql sql = EventFeedService.feedSql(ws.id(), query, "customer", user, null);
        long read = QueryPlans.eventRowsRead(QueryPlans.analyze(pool, sql.setting(), sql.text(), sql.args()));
        assertTrue(read <= 100, read + " events read for a page of 10 of a customer with " + HOT);
        ws.admin().get("/v1/events?limit=10&subject_type=customer&subject_id=" + user).then()
                .body("items", hasSize(10)).body("items[0].name", is("e1499")).body("items[0].subject.id", is(user));
        ws.admin().get("/v1/customers/" + user + "/events?limit=2").then().body("items.name", contains("e1499", "e1498"));
    }

    private void ingest(int count, IntFunction<String> user) {
        for (int sent = 0; sent < count; sent += 500) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = sent; i < sent + 500; i++) {
                batch.add(Map.of("event", "e" + i, "properties", Map.of("userId", user.apply(i))));
            }
            ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200);
        }
    }
}
