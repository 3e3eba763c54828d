package io.xoal.events.workspace;

import java.util.Optional;

/**
 * The keys of the first workspace: the configured ones, or generated ones where they may be shown
 * in the log. In production both must be configured, so a secret key never reaches a log.
 */
record BootstrapKeys(String admin, String ingest) {

    private static final String ADMIN_VARIABLE = "XOAL_BOOTSTRAP_ADMIN_KEY";
    private static final String INGEST_VARIABLE = "XOAL_BOOTSTRAP_INGEST_KEY";

    /** @param mayGenerate whether missing keys may be generated and logged once (dev and test only) */
    static BootstrapKeys resolve(WorkspaceConfig.Bootstrap config, boolean mayGenerate) {
        if (!mayGenerate && missing(config)) {
            throw new IllegalStateException("No workspace exists yet, and production does not generate keys (they would "
                    + "have to be logged): set " + ADMIN_VARIABLE + " (adm_ + 32 lowercase letters and digits) and "
                    + INGEST_VARIABLE + " (ing_ + 32) for the first workspace, e.g. from a Kubernetes Secret");
        }
        return new BootstrapKeys(key(config.adminKey(), KeyKind.ADMIN, ADMIN_VARIABLE),
                key(config.ingestKey(), KeyKind.INGEST, INGEST_VARIABLE));
    }

    /** Whether a key is missing from the configuration, so that one is generated (dev and test). */
    static boolean missing(WorkspaceConfig.Bootstrap config) {
        return config.adminKey().isEmpty() || config.ingestKey().isEmpty();
    }

    private static String key(Optional<String> configured, KeyKind kind, String variable) {
        if (configured.isEmpty()) {
            return ApiKeys.generate(kind);
        }
        if (!ApiKeys.wellFormed(configured.get(), kind)) {
            throw new IllegalArgumentException(variable + " must be '" + kind.prefix()
                    + "' followed by 32 lowercase letters and digits");
        }
        return configured.get();
    }
}
