package io.xoal.events.common;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A JDBC session beside the application's pool, on the same database: tests hold locks and open
 * transactions with it to make races and slow flushes happen when they choose.
 */
public final class TestDatabase {

    /** Sessions of the application (not this test's) that wait for a lock. */
    private static final String BLOCKED = """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'""";

    /** Sessions of the application (not this test's) inside a transaction. */
    private static final String IN_TRANSACTION = """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
              AND xact_start IS NOT NULL AND application_name <> 'PostgreSQL JDBC Driver'""";

    private TestDatabase() {
    }

    /** A new session; the caller closes it (an open transaction is rolled back then). */
    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
    }

    /** A session with a transaction open (auto-commit off). */
    public static Connection begin() throws SQLException {
        Connection connection = connect();
        connection.setAutoCommit(false);
        return connection;
    }

    /** The single number {@code sql} answers, in a session of its own. */
    public static long number(String sql, Object... args) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a statement of the application is blocked behind a lock a test holds. */
    public static void awaitBlockedStatement() {
        await().atMost(Duration.ofSeconds(10)).until(() -> number(BLOCKED) > 0);
    }

    /** Waits until no session of the application has a transaction open (nothing can still commit). */
    public static void awaitNoOpenTransaction() {
        await().atMost(Duration.ofSeconds(10)).until(() -> number(IN_TRANSACTION) == 0 && number(BLOCKED) == 0);
    }
}
