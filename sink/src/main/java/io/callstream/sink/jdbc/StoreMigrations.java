package io.callstream.sink.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the store's schema up to date with the Flyway migrations in {@code db/migration} (one set of SQL for
 * SQLite and PostgreSQL). Applied migrations are skipped, so every sink start may run it. Its first connection, a
 * quick look at the tables, is the sink's ({@link CallStore#connectionProperties}), so that a start that finds the
 * server silent gives up; Flyway's is opened alike but with no bound on a statement
 * ({@link CallStore#openingProperties}), as a migration may wait on a lock.
 */
final class StoreMigrations {

    static final String LOCATION = "classpath:db/migration";
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private StoreMigrations() {
    }

    static void apply(String jdbcUrl) throws SQLException {
        // Flyway will not migrate a non-empty schema without its history table unless told at which version the
        // schema is. A store made by the old schema.sql is at V1; any other non-empty schema (a PostgreSQL schema
        // shared with other tables, as schema.sql allowed) is at "0", before our tables, so all migrations run.
        boolean madeBySchemaSql = madeBySchemaSql(jdbcUrl);
        try {
            Flyway.configure()
                    .dataSource(jdbcUrl, null, null)
                    .jdbcProperties(settings(jdbcUrl))
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion(madeBySchemaSql ? "1" : "0")
                    .baselineDescription(madeBySchemaSql ? "turns and offsets made by schema.sql" : "before the store")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new SQLException("Cannot migrate the store at " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static boolean madeBySchemaSql(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, CallStore.connectionProperties(jdbcUrl))) {
            return hasTable(connection, "turns") && hasTable(connection, "sink_offsets")
                    && !hasTable(connection, HISTORY_TABLE);
        }
    }

    /** What bounds opening a connection ({@link CallStore#openingProperties}), as Flyway takes it. */
    private static Map<String, String> settings(String jdbcUrl) {
        Map<String, String> settings = new HashMap<>();
        CallStore.openingProperties(jdbcUrl).forEach((key, value) -> settings.put((String) key, (String) value));
        return settings;
    }

    private static boolean hasTable(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), table, null)) {
            return rs.next();
        }
    }
}
