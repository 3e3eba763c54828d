package io.xoal.events.segment.differential;

import io.quarkus.test.junit.QuarkusTest;
import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.segment.SegmentConfig;
import io.xoal.events.segment.engine.SegmentRefresher;
import io.xoal.events.segment.engine.SegmentWorker;
import io.xoal.events.segment.engine.WindowSweeper;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A randomized differential test: random customers, events and definitions, and for every
 * definition the service's preview and members (after the recompute, the event-driven path and
 * the sweep) against {@link Evaluator}, a model of docs/segments.md written without the SQL
 * compiler. CI runs one fixed seed; bench/segments-random.sh runs random ones.
 */
@QuarkusTest
class SegmentDifferentialTest {

    private static final Logger LOG = Logger.getLogger(SegmentDifferentialTest.class);

    @Inject
    TestClock clock;
    @Inject
    SegmentRefresher refresher;
    @Inject
    WindowSweeper sweeper;
    @Inject
    SegmentWorker worker;
    @Inject
    SegmentConfig config;

    @Test
    void segmentsAgreeWithAnIndependentModelOfTheDocumentedSemantics() {
        TestWorkspace ws = TestWorkspace.create();
        Api api = new Api(ws);
        Scenario scenario = Scenario.fromSystemProperties(config.previewSample());
        Findings findings;
        try {
            findings = scenario.run(api, new Engine(clock, refresher, sweeper, worker, ws.id()));
        } finally {
            clock.reset();
            removeSegments(ws);
        }
        LOG.infof("differential seed=%d: %d disagreement(s)", scenario.seed(), findings.items().size());
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/differential"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/differential/seed-" + scenario.seed() + ".txt"),
                    String.join("\n", findings.items()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(findings.isEmpty(), findings::report);
    }

    /** Newest first, so that no segment is still referred to when it goes; leaves no queued work behind for other tests. */
    private static void removeSegments(TestWorkspace ws) {
        List<Long> ids = new ArrayList<>(ws.admin().get("/v1/segments?limit=200").jsonPath().getList("items.id", Long.class));
        ids.forEach(id -> ws.admin().delete("/v1/segments/" + id));
    }
}
