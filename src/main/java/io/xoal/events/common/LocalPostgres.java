package io.xoal.events.common;

import java.util.Map;

/**
 * A PostgreSQL that dev mode and tests start themselves when no datasource is configured.
 *
 * <p>Found through {@link java.util.ServiceLoader}: its only implementation, {@code EmbeddedPostgresServer},
 * and its service file are left out of the packaged jar and the native image
 * ({@code quarkus.package.jar.user-configured-ignored-entries}), so production code never reaches
 * the embedded-PostgreSQL library, which is not on the production classpath.
 */
public interface LocalPostgres {

    /** Starts the server once per JVM and returns the datasource keys that point at it. */
    Map<String, String> datasource(boolean test);
}
