package io.xoal.events.workspace;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Creates the first workspace at start-up when there is none, with configured or generated keys. */
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
        String admin = configured(config.bootstrap().adminKey().orElse(null), KeyKind.ADMIN, "XOAL_BOOTSTRAP_ADMIN_KEY");
        String ingest = configured(config.bootstrap().ingestKey().orElse(null), KeyKind.INGEST, "XOAL_BOOTSTRAP_INGEST_KEY");
        WorkspaceService.NewWorkspace created = VertxContextSupport.subscribeAndAwait(
                () -> workspaces.bootstrap(admin, ingest));
        if (created == null) {
            return;
        }
        boolean generated = config.bootstrap().adminKey().isEmpty() || config.bootstrap().ingestKey().isEmpty();
        LOG.infof("Created workspace %d.%s", created.workspace().id, generated
                ? " Its keys are shown this once: admin " + created.adminKey() + " ingest " + created.ingestKey()
                : " Its keys are the configured XOAL_BOOTSTRAP_* keys.");
    }

    private static String configured(String key, KeyKind kind, String variable) {
        if (key == null) {
            return ApiKeys.generate(kind);
        }
        if (!ApiKeys.wellFormed(key, kind)) {
            throw new IllegalArgumentException(variable + " must be '" + kind.prefix()
                    + "' followed by 32 lowercase letters and digits");
        }
        return key;
    }
}
