package io.xoal.events.workspace;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Creates the first workspace at start-up when there is none: with the configured keys, or in dev
 * and test with generated keys logged once; production refuses to start without configured keys
 * rather than log a secret ({@link BootstrapKeys}).
 */
@Singleton
public class WorkspaceBootstrap {

    private static final Logger LOG = Logger.getLogger(WorkspaceBootstrap.class);

    private final WorkspaceService workspaces;
    private final WorkspaceConfig config;

    public WorkspaceBootstrap(WorkspaceService workspaces, WorkspaceConfig config) {
        this.workspaces = workspaces;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        boolean mayGenerate = LaunchMode.current().isDevOrTest();
        WorkspaceService.NewWorkspace created = VertxContextSupport.subscribeAndAwait(
                () -> workspaces.bootstrap(() -> BootstrapKeys.resolve(config.bootstrap(), mayGenerate)));
        if (created == null) {
            return;
        }
        if (BootstrapKeys.missing(config.bootstrap())) {
            // Keys are generated in dev and test only (production refused above), so this log holds no production secret.
            LOG.infof("Created workspace %d. Its keys are shown this once: admin %s ingest %s",
                    created.workspace().id, created.adminKey(), created.ingestKey());
        } else {
            LOG.infof("Created workspace %d with the configured XOAL_BOOTSTRAP_* keys.", created.workspace().id);
        }
    }
}
