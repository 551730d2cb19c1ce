package io.callstream.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
        try (TurnStore store = TurnStore.open(url())) {
            assertThat(store.offsets("sink")).isEmpty();
        }
        assertThat(history()).containsExactly("1:SQL:true", "2:SQL:true");
        assertThat(count("turns")).isZero();
        assertThat(count("alerts")).isZero();
    }

    @Test
    void reopeningAppliesNothingAndKeepsTheRows() throws Exception {
        try (TurnStore store = TurnStore.open(url())) {
            store.write(List.of(), "sink", Map.of(TURNS_0, 3L));
        }
        try (TurnStore reopened = TurnStore.open(url())) {
            assertThat(reopened.offsets("sink")).containsExactlyEntriesOf(Map.of(TURNS_0, 3L));
        }
        assertThat(history()).containsExactly("1:SQL:true", "2:SQL:true");
    }

    @Test
    void storeMadeBySchemaSqlIsBaselinedAndUpgraded() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            for (String ddl : legacySchemaSql()) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO sink_offsets VALUES ('sink', 'call-turns', 0, 42)");
        }
        try (TurnStore store = TurnStore.open(url())) {
            assertThat(store.offsets("sink")).containsExactlyEntriesOf(Map.of(TURNS_0, 42L));
        }
        assertThat(history()).containsExactly("1:BASELINE:true", "2:SQL:true");
        assertThat(count("calls")).isZero();
    }

    @Test
    void schemaHoldingOtherTablesIsMigratedFromTheStart() throws Exception {
        execute("CREATE TABLE unrelated (id INTEGER PRIMARY KEY)");
        try (TurnStore store = TurnStore.open(url())) {
            assertThat(store.offsets("sink")).isEmpty();
        }
        assertThat(history()).containsExactly("0:BASELINE:true", "1:SQL:true", "2:SQL:true");
        assertThat(count("unrelated")).isZero();
    }

    @Test
    void callsUpsertOnCallId() throws Exception {
        assertUpsertKeepsOneRow("calls", "call_id", "company",
                "(call_id, company, ticker, fiscal_period, title, started_at, ended_at) VALUES (?, ?, 'TSLA', '2016-Q4', 'Q4', 0, NULL)",
                "call-1");
    }

    @Test
    void turnTopicsUpsertOnCallTurnAndTopic() throws Exception {
        assertUpsertKeepsOneRow("turn_topics", "call_id, turn_index, topic_id", "evidence",
                "(call_id, evidence, turn_index, topic_id, taxonomy_id, taxonomy_version) VALUES (?, ?, 3, 'guidance', 'general', '2026-11-27.5')",
                "call-1");
    }

    @Test
    void turnNumbersUpsertOnCallTurnAndOrdinal() throws Exception {
        assertUpsertKeepsOneRow("turn_numbers", "call_id, turn_index, ordinal", "normalized",
                "(call_id, normalized, turn_index, ordinal, kind, span_start, span_end, span_text, value, unit) VALUES (?, ?, 3, 0, 'MONEY', 10, 20, '$2 billion', 2.0E9, 'USD')",
                "call-1");
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM turn_numbers")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isEqualTo(2.0E9);
        }
    }

    @Test
    void exchangesUpsertOnCallAndExchangeIndex() throws Exception {
        assertUpsertKeepsOneRow("exchanges", "call_id, exchange_index", "status",
                "(call_id, status, exchange_index, exchange_id, version, analyst_name, analyst_firm, question_turns, answer_turns, declined, decline_text, start_offset_ms, end_offset_ms) "
                        + "VALUES (?, ?, 0, 'call-1/q0', 1, 'Ann', 'Firm', '[4]', '[5,6]', TRUE, 'no comment', 100, 200)",
                "call-1");
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT declined FROM exchanges")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    @Test
    void alertsUpsertOnAlertId() throws Exception {
        assertUpsertKeepsOneRow("alerts", "alert_id", "title",
                "(alert_id, title, call_id, rule_id, rules_id, rule_version, severity, turn_index, turn_status, known_at_seq, call_offset_ms, observed_at, emitted_at, speaker_name, role, excerpt, evidence, topic_ids) "
                        + "VALUES (?, ?, 'call-1', 'guidance-cut', 'default', '1', 'HIGH', 3, 'FINAL', 17, 60000, 1487802660000, NULL, 'Elon', 'EXECUTIVE', 'we expect', '[]', '[\"guidance\"]')",
                "alert-1");
    }

    /**
     * Inserts a row twice under the same natural key, the second time with a new value in {@code column}, through
     * {@code INSERT ... ON CONFLICT (key) DO UPDATE}: one row must remain, holding the new value.
     * {@code columnsAndValues} binds the key's first column, then {@code column}.
     */
    private void assertUpsertKeepsOneRow(String table, String key, String column, String columnsAndValues, String id)
            throws Exception {
        TurnStore.open(url()).close();
        String sql = "INSERT INTO " + table + " " + columnsAndValues + " ON CONFLICT (" + key + ") DO UPDATE SET "
                + column + " = excluded." + column;
        try (Connection c = DriverManager.getConnection(url()); PreparedStatement upsert = c.prepareStatement(sql)) {
            for (String value : List.of("first", "second")) {
                upsert.setString(1, id);
                upsert.setString(2, value);
                upsert.executeUpdate();
            }
        }
        assertThat(count(table)).isEqualTo(1);
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + table)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("second");
        }
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
