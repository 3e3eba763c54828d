package io.xoal.events.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xoal.events.workflow.engine.ClaimedRun;
import io.xoal.events.workflow.engine.RunQueue;
import io.xoal.events.workflow.step.UpdateStep;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.xoal.events.common.TestWorkspace.unique;
import static io.xoal.events.workflow.WorkflowDefinitionTest.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Update steps change the customer with the advance, exactly once, and segments follow like any profile change. */
@QuarkusTest
class WorkflowUpdateTest extends WorkflowTestBase {

    @Inject
    RunQueue queue;
    @Inject
    UpdateStep updates;

    private JsonPath customer(String user) {
        return ws.admin().get("/v1/customers/" + user).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anUpdatedAttributeMakesTheCustomerEnterASegmentAndTagsAreAddedAndRemoved() {
        long pros = fixture.segment(Map.of("attribute", Map.of("name", "plan", "type", "string", "op", "eq", "value", "pro")));
        long wf = fixture.workflowId(Map.of(), List.of(
                step("upgrade", "update", "attribute", Map.of("name", "plan", "value", "pro"), "next", "tag"),
                step("tag", "update", "add_tag", "vip", "next", "untag"),
                step("untag", "update", "remove_tag", "trial", "next", "limits"),
                step("limits", "update", "attribute", Map.of("name", "limits", "value", Map.of("seats", 5)), "next", "done"),
                step("done", "exit")));
        String user = unique("u");
        ws.admin().body(Map.of("attributes", Map.of("plan", "free"), "tags", List.of("trial"))).put("/v1/customers/" + user)
                .then().statusCode(201);
        fixture.event(user, "signed_up", Map.of());
        fixture.drain();
        JsonPath after = customer(user);
        assertEquals("pro", after.getString("attributes.plan"));
        assertEquals(5, after.getInt("attributes.limits.seats"));
        assertEquals(List.of("vip"), after.getList("tags"));
        fixture.awaitMember(pros, user, true);
        JsonPath run = fixture.runOf(wf, user);
        assertEquals(List.of("updated", "updated", "updated", "updated", "completed"), run.getList("steps.outcome"));
        assertEquals("plan", run.getString("steps[0].detail.attribute"));
    }

    @Test
    void anAttemptWhoseLeaseExpiredChangesNothing() {
        long wf = fixture.workflowId(Map.of(), List.of(
                step("upgrade", "update", "attribute", Map.of("name", "plan", "value", "pro"), "next", "done"), step("done", "exit")));
        String user = unique("u");
        fixture.event(user, "signed_up", Map.of());
        queue.enrol(clock.instant()).await().atMost(WorkflowFixture.WAIT);
        ClaimedRun lost = queue.claim(clock.instant()).await().atMost(WorkflowFixture.WAIT).stream()
                .filter(r -> r.workflowId() == wf).findFirst().orElseThrow();
        clock.advance(Duration.ofMinutes(2));
        fixture.drain();
        assertEquals("pro", customer(user).getString("attributes.plan"));
        ws.admin().body(Map.of("attributes", Map.of("plan", "free"))).put("/v1/customers/" + user).then().statusCode(200);

        assertFalse(updates.run(lost, lost.step(), clock.instant()).await().atMost(WorkflowFixture.WAIT), "the old lease is fenced out");
        assertEquals("free", customer(user).getString("attributes.plan"), "and its change was not applied");
        assertEquals(List.of("updated", "completed"), fixture.runOf(wf, user).getList("steps.outcome"));
    }
}
