package io.xoal.events.ingest.identity;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A JDBC session of the test's own on the application's database: to hold row locks in an open
 * transaction while the app races itself, and to read rows the API does not show.
 */
final class TestDb implements AutoCloseable {

    private final Connection conn;

    private TestDb(Connection conn) {
        this.conn = conn;
    }

    static TestDb open() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return new TestDb(DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null)));
    }

    /** Opens a transaction that holds every lock taken by {@link #lock} until {@link #release}. */
    void begin() throws SQLException {
        conn.setAutoCommit(false);
    }

    void lock(String sql, Object... args) throws SQLException {
        try (PreparedStatement st = statement(sql, args); ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                // Each row read is locked.
            }
        }
    }

    void release() throws SQLException {
        conn.commit();
        conn.setAutoCommit(true);
    }

    long number(String sql, Object... args) throws SQLException {
        try (PreparedStatement st = statement(sql, args); ResultSet rows = st.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    long usidOf(long workspaceId, String externalId) throws SQLException {
        return number("SELECT usid FROM customers WHERE workspace_id = ? AND external_id = ?", workspaceId, externalId);
    }

    long usidOfAlias(long workspaceId, String alias) throws SQLException {
        return number("SELECT usid FROM customer_aliases WHERE workspace_id = ? AND alias = ?", workspaceId, alias);
    }

    /** Backends of this database waiting for a lock (the probe must not be inside a transaction). */
    long lockWaiters() throws SQLException {
        return number("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    }

    private PreparedStatement statement(String sql, Object... args) throws SQLException {
        PreparedStatement st = conn.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
        return st;
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
