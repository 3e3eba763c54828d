package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunQueue;
import io.xoal.events.workflow.step.SplitStep;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Branch and split steps over real ingest and PostgreSQL: each path, in order, and a split fixed per run. */
@QuarkusTest
class WorkflowBranchTest extends WorkflowTestBase {

    @Inject
    RunQueue queue;

    @Test
    void aBranchTakesTheFirstCaseThatHoldsElseTheDefault() {
        long vips = fixture.segment(Map.of("tag", Map.of("has", "vip")));
        long wf = fixture.workflowId(Map.of(), List.of(
                step("route", "branch", "cases", List.of(
                                Map.of("condition", Map.of("in_segment", Map.of("id", vips)), "next", "vip"),
                                Map.of("condition", Map.of("attribute", Map.of("name", "plan", "type", "string", "op", "eq", "value", "pro")),
                                        "next", "pro"),
                                Map.of("condition", Map.of("trigger", List.of(
                                        Map.of("property", "source", "type", "string", "op", "eq", "value", "ads"))), "next", "ads")),
                        "default", "other"),
                step("vip", "exit"), step("pro", "exit"), step("ads", "exit"), step("other", "exit")));
        String vip = unique("vip");
        String pro = unique("pro");
        String ads = unique("ads");
        String other = unique("other");
        ws.admin().body(Map.of("attributes", Map.of("plan", "pro"))).put("/v1/customers/" + vip).then().statusCode(201);
        ws.admin().body(Map.of("tags", List.of("vip"))).post("/v1/customers/" + vip + "/tags").then().statusCode(200);
        fixture.awaitMember(vips, vip, true);
        ws.admin().body(Map.of("attributes", Map.of("plan", "pro"))).put("/v1/customers/" + pro).then().statusCode(201);
        fixture.event(vip, "signed_up", Map.of("source", "ads"));
        fixture.event(pro, "signed_up", Map.of("source", "ads"));
        fixture.event(ads, "signed_up", Map.of("source", "ads"));
        fixture.event(other, "signed_up", Map.of("source", "search"));
        fixture.drain();
        assertEquals(List.of("route", "vip"), fixture.path(fixture.runOf(wf, vip)), "the first case wins over later ones");
        assertEquals(List.of("route", "pro"), fixture.path(fixture.runOf(wf, pro)));
        assertEquals(List.of("route", "ads"), fixture.path(fixture.runOf(wf, ads)));
        JsonPath fallback = fixture.runOf(wf, other);
        assertEquals(List.of("route", "other"), fixture.path(fallback));
        assertEquals("branched", fallback.getString("steps[0].outcome"));
        assertEquals("other", fallback.getString("steps[0].detail.next"));
        assertEquals("completed", fallback.getString("state"));
    }

    @Test
    void aSplitSendsRunsByWeightAndARetriedRunTakesItsPathAgain() {
        long wf = fixture.workflowId(Map.of(), List.of(
                step("split", "split", "paths", List.of(Map.of("weight", 70, "next", "a"), Map.of("weight", 30, "next", "b"))),
                step("a", "exit"), step("b", "exit")));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(Map.of("event", "signed_up", "properties", Map.of("userId", unique("u"))));
        }
        ws.ingest().body(batch).post("/ingest/v1/event").then().statusCode(200);
        queue.enrol(clock.instant()).await().atMost(WorkflowFixture.WAIT);
        List<ClaimedRun> lost = queue.claim(clock.instant()).await().atMost(WorkflowFixture.WAIT).stream()
                .filter(run -> run.workflowId() == wf).toList();
        // The replica that claimed these dies; once the leases expire another takes them.
        clock.advance(Duration.ofMinutes(2));
        fixture.drain();
        long a = 0;
        for (ClaimedRun run : lost) {
            JsonPath done = fixture.run(run.id());
            String taken = done.getString("steps[1].step_id");
            assertEquals(SplitStep.outcome(run, run.step(), clock.instant()).nextStep(), taken, "the path is fixed per run");
            a += "a".equals(taken) ? 1 : 0;
        }
        assertTrue(lost.size() >= 50, "a batch of runs was claimed: " + lost.size());
        assertTrue(a > 0.55 * lost.size() && a < 0.85 * lost.size(), a + " of " + lost.size() + " took the 70 % path");
    }
}
