package io.xoal.events.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database for a test that runs the packaged service: on the PostgreSQL the build was
 * given (QUARKUS_DATASOURCE_* variables), or on an embedded one when none was.
 */
final class ItDatabase {

    private static EmbeddedPostgres embedded;

    final String host;
    final int port;
    final String name;
    final String user;
    final String password;

    private ItDatabase(String host, int port, String name, String user, String password) {
        this.host = host;
        this.port = port;
        this.name = name;
        this.user = user;
        this.password = password;
    }

    static synchronized ItDatabase create() throws SQLException {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        String host;
        int port;
        String base;
        String user;
        String password;
        if (url != null) {
            java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
            host = uri.getHost();
            port = uri.getPort();
            base = uri.getPath().substring(1);
            user = System.getenv("QUARKUS_DATASOURCE_USERNAME");
            password = System.getenv("QUARKUS_DATASOURCE_PASSWORD");
        } else {
            host = "localhost";
            port = embedded().getPort();
            base = "postgres";
            user = "postgres";
            password = "postgres";
        }
        String name = "xoal_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + base, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new ItDatabase(host, port, name, user, password);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** How many times each messageId of events named {@code name} is stored. */
    Map<String, Integer> storedCounts(String name) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT message_id, count(*) FROM events WHERE name = ? GROUP BY message_id")) {
            s.setString(1, name);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** Environment for the service, with its reactive connections sent to {@code reactivePort}. */
    Map<String, String> environment(int reactivePort) {
        return Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + host + ":" + reactivePort + "/" + name,
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", user,
                "QUARKUS_DATASOURCE_PASSWORD", password);
    }

    private static EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return embedded;
    }
}
