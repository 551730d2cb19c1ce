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

    /** Why the server cannot be used, or null where it answers; asked once per class. */
    private static String unavailable;
    private String schema;

    @BeforeAll
    static void askServer() {
        try (Connection c = DriverManager.getConnection(SERVER + "&connectTimeout=3")) {
            unavailable = c.isValid(3) ? null : "does not answer";
        } catch (SQLException e) {
            unavailable = "is unreachable (" + e.getMessage() + ")";
        }
    }

    // Assumed per test rather than in @BeforeAll, so that Surefire counts each test as skipped, with the reason.
    @BeforeEach
    void createSchema() throws SQLException {
        assumeTrue(unavailable == null, () -> "PostgreSQL at " + SERVER + " " + unavailable + "; skipped");
        schema = "callstream_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        onServer("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema == null) {
            return;
        }
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
