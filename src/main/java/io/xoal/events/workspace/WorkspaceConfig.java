package io.xoal.events.workspace;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Tenancy settings. */
@ConfigMapping(prefix = "xoal")
public interface WorkspaceConfig {

    /** Keys of the workspace created when none exists: required in production, generated and logged once in dev and test. */
    Bootstrap bootstrap();

    /** How long a verified key is trusted without asking the database (bounds revocation delay on other replicas). */
    @WithDefault("PT10S")
    Duration keyCacheTtl();

    /** Keys given for the first workspace. */
    interface Bootstrap {

        /** XOAL_BOOTSTRAP_ADMIN_KEY: {@code adm_} + 32 lowercase letters and digits. */
        Optional<String> adminKey();

        /** XOAL_BOOTSTRAP_INGEST_KEY: {@code ing_} + 32 lowercase letters and digits. */
        Optional<String> ingestKey();
    }
}
