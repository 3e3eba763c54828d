package io.xoal.events.ingest.partition;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A JDBC session beside the service whose open transaction holds the locks its statements took, until closed. */
final class HeldTransaction implements AutoCloseable {

    private final Connection connection;

    private HeldTransaction(Connection connection) {
        this.connection = connection;
    }

    /** Opens a transaction and runs the statements in it; their locks stay held until {@link #close()}. */
    static HeldTransaction holding(String... statements) throws SQLException {
        var config = ConfigProvider.getConfig();
        Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return new HeldTransaction(connection);
    }

    /** Commits what the statements did; the locks are released. */
    void commit() throws SQLException {
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
