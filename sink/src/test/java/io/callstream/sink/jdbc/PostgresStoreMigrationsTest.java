package io.callstream.sink.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The migrations on a real PostgreSQL at 127.0.0.1:5432 (database test, user postgres; CALLSTREAM_TEST_POSTGRES_URL
 * to point elsewhere), each test in a schema of its own that is dropped afterwards. Skipped where none answers.
 */
class PostgresStoreMigrationsTest extends StoreMigrationsContract {

    private static final String SERVER = System.getenv().getOrDefault("CALLSTREAM_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private String schema;

    @BeforeAll
    static void requireServer() {
        try (Connection c = DriverManager.getConnection(SERVER + "&connectTimeout=3")) {
            assumeTrue(c.isValid(3), "PostgreSQL at " + SERVER + " does not answer; skipping its migration tests");
        } catch (SQLException e) {
            assumeTrue(false, "PostgreSQL at " + SERVER + " is unreachable (" + e.getMessage()
                    + "); skipping its migration tests");
        }
    }

    @BeforeEach
    void createSchema() throws SQLException {
        schema = "callstream_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        onServer("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        onServer("DROP SCHEMA " + schema + " CASCADE");
    }

    @Override
    String url() {
        return SERVER + "&currentSchema=" + schema;
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
