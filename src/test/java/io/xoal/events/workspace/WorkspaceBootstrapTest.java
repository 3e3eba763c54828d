package io.xoal.events.workspace;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;

/** Start-up against a database that already has a workspace: no keys are needed, none are made. */
@QuarkusTest
class WorkspaceBootstrapTest {

    @Inject
    WorkspaceService workspaces;

    @Test
    void aRestartWithAWorkspacePresentNeedsNoBootstrapKeys() throws Throwable {
        WorkspaceService.NewWorkspace created = VertxContextSupport.subscribeAndAwait(() -> workspaces.bootstrap(() -> {
            throw new AssertionError("keys were asked for although a workspace exists");
        }));
        assertNull(created);
    }
}
