package io.xoal.events.workflow;

import io.xoal.events.common.TestClock;
import io.xoal.events.common.TestWorkspace;
import io.xoal.events.workflow.engine.WorkflowPoller;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The lifecycle the workflow engine tests share: a fresh workspace and fixture per test, the test clock reset after it. */
abstract class WorkflowTestBase {

    @Inject
    TestClock clock;
    @Inject
    WorkflowPoller poller;

    TestWorkspace ws;
    WorkflowFixture fixture;

    @BeforeEach
    void workspace() {
        ws = TestWorkspace.create();
        fixture = new WorkflowFixture(ws, poller);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }
}
