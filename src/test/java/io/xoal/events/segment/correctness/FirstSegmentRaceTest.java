package io.xoal.events.segment.correctness;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestDatabase;
import io.xoal.events.segment.engine.SegmentRefresher;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.segment.correctness.SegmentFixture.WAIT;
import static io.xoal.events.segment.correctness.SegmentFixture.performed;

/**
 * A flush in flight while the workspace's first segment is created: whichever commits first, its
 * customers are members once both have committed — no further event needed.
 */
@QuarkusTest
class FirstSegmentRaceTest {

    private static final String BLOCKED = """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'""";

    /** The flush's rollup upsert waits for this uncommitted row of the same key (after its outbox check). */
    private static final String HOLD_ROLLUP = """
            INSERT INTO subject_event_daily (workspace_id, subject_kind, subject_id, name, day, event_count, first_at, last_at)
            SELECT c.workspace_id, 'customer', c.usid, 'purchase', (now() AT TIME ZONE 'UTC')::date, 1, now(), now()
            FROM customers c WHERE c.workspace_id = ? AND c.external_id = ?""";

    @Inject
    SegmentRefresher refresher;

    @Test
    void aFlushInFlightWhenTheFirstSegmentIsCreatedIsNotMissed() throws Exception {
        SegmentFixture f = SegmentFixture.create();
        String user = unique("u");
        f.track(user, "login");
        CompletableFuture<Long> created;
        try (Connection hold = TestDatabase.begin()) {
            try (PreparedStatement insert = hold.prepareStatement(HOLD_ROLLUP)) {
                insert.setLong(1, f.ws().id());
                insert.setString(2, user);
                insert.executeUpdate();
            }
            CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> f.track(user, "purchase"));
            TestDatabase.awaitBlockedStatement();
            created = CompletableFuture.supplyAsync(() -> f.ws().admin()
                    .body(Map.of("name", "buyers", "definition", performed("purchase")))
                    .post("/v1/segments").then().statusCode(201).extract().jsonPath().getLong("id"));
            // Either the creation waits for the flush, or it commits (and is recomputed) while the flush is held.
            Awaitility.await().atMost(WAIT).until(() -> created.isDone() || TestDatabase.number(BLOCKED) >= 2);
            refresher.refreshAll().await().atMost(WAIT);
            hold.rollback();
            flush.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        long segment = created.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        f.awaitRefreshed(segment, 1);
        f.settle();
        f.awaitMember(segment, user, true);
    }
}
