package io.callstream.sink.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own per test on the real PostgreSQL at 127.0.0.1:5432 (database test, user postgres;
 * CALLSTREAM_TEST_POSTGRES_URL points elsewhere), made when the test first asks for its URL and dropped afterwards.
 * Where no server answers, a test that asks is skipped with the reason, so Surefire counts and reports it.
 * Register with {@code @RegisterExtension}.
 */
public final class PostgresSchema implements BeforeEachCallback, AfterEachCallback {

    public static final String SERVER = System.getenv().getOrDefault("CALLSTREAM_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /** Why the server cannot be used, or null where it answers; asked once per class. */
    private String unavailable;
    private boolean asked;
    private String schema;

    @Override
    public void beforeEach(ExtensionContext context) {
        // Nothing yet: a test of the class that never asks for PostgreSQL runs wherever it is.
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (schema != null) {
            onServer("DROP SCHEMA " + schema + " CASCADE");
            schema = null;
        }
    }

    /**
     * The JDBC URL of this test's empty schema, made on first use. Where no server answers, the test calling it is
     * skipped (a JUnit assumption) with the reason.
     */
    public String url() {
        if (schema == null) {
            if (!asked) {
                unavailable = ask();
                asked = true;
            }
            assumeTrue(unavailable == null, () -> "PostgreSQL at " + SERVER + " " + unavailable + "; skipped");
            String name = "callstream_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try {
                onServer("CREATE SCHEMA " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create the test's schema on " + SERVER, e);
            }
            schema = name;
        }
        return SERVER + "&currentSchema=" + schema;
    }

    private static String ask() {
        try (Connection c = DriverManager.getConnection(SERVER + "&connectTimeout=3")) {
            return c.isValid(3) ? null : "does not answer";
        } catch (SQLException e) {
            return "is unreachable (" + e.getMessage() + ")";
        }
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
