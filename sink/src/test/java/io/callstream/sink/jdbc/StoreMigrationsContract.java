package io.callstream.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What the store's migrations do, on whichever database {@link #url()} names; one subclass per dialect. */
abstract class StoreMigrationsContract {

    private static final TopicPartition TURNS_0 = new TopicPartition("call-turns", 0);

    /** A JDBC URL of an empty database (or schema), fresh for each test. */
    abstract String url();

    @Test
    void migrationsApplyToAnEmptyDatabase() throws Exception {
        try (CallStore store = CallStore.open(url())) {
            assertThat(store.offsets("sink")).isEmpty();
        }
        assertThat(history()).containsExactly("1:SQL:true", "2:SQL:true", "3:SQL:true", "4:SQL:true");
        assertThat(count("turns")).isZero();
        assertThat(count("alerts")).isZero();
    }

    @Test
    void reopeningAppliesNothingAndKeepsTheRows() throws Exception {
        try (CallStore store = CallStore.open(url())) {
            store.write(List.of(), "sink", Map.of(TURNS_0, 3L));
        }
        try (CallStore reopened = CallStore.open(url())) {
            assertThat(reopened.offsets("sink")).containsExactlyEntriesOf(Map.of(TURNS_0, 3L));
        }
        assertThat(history()).containsExactly("1:SQL:true", "2:SQL:true", "3:SQL:true", "4:SQL:true");
    }

    @Test
    void storeMadeBySchemaSqlIsBaselinedAndUpgraded() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            for (String ddl : legacySchemaSql()) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO sink_offsets VALUES ('sink', 'call-turns', 0, 42)");
        }
        try (CallStore store = CallStore.open(url())) {
            assertThat(store.offsets("sink")).containsExactlyEntriesOf(Map.of(TURNS_0, 42L));
        }
        assertThat(history()).containsExactly("1:BASELINE:true", "2:SQL:true", "3:SQL:true", "4:SQL:true");
        assertThat(count("calls")).isZero();
    }

    @Test
    void schemaHoldingOtherTablesIsMigratedFromTheStart() throws Exception {
        execute("CREATE TABLE unrelated (id INTEGER PRIMARY KEY)");
        try (CallStore store = CallStore.open(url())) {
            assertThat(store.offsets("sink")).isEmpty();
        }
        assertThat(history()).containsExactly("0:BASELINE:true", "1:SQL:true", "2:SQL:true", "3:SQL:true",
                "4:SQL:true");
        assertThat(count("unrelated")).isZero();
    }

    /** Flyway's history as version:type:success, in the order applied. */
    private List<String> history() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getBoolean(3));
            }
        }
        return rows;
    }

    private long count(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> legacySchemaSql() throws IOException {
        try (InputStream in = StoreMigrationsContract.class.getResourceAsStream("legacy-schema.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return List.of(sql.split(";")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }
}
