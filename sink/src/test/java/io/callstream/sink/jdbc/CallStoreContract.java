package io.callstream.sink.jdbc;

import static io.callstream.sink.testing.SinkRecords.alert;
import static io.callstream.sink.testing.SinkRecords.ended;
import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.exchange;
import static io.callstream.sink.testing.SinkRecords.line;
import static io.callstream.sink.testing.SinkRecords.started;
import static io.callstream.sink.testing.SinkRecords.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Alert;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Status;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What the store does with enriched records, on whichever database {@link #url()} names; one subclass per dialect. */
abstract class CallStoreContract {

    private static final TopicPartition TURNS_0 = new TopicPartition("call-turns-enriched", 0);
    private static final String[] TABLES = {"calls", "turns", "turn_topics", "turn_numbers", "exchanges", "alerts",
            "sink_offsets"};

    /** A JDBC URL of an empty database (or schema), fresh for each test. */
    abstract String url();

    /** Whether the database refuses text holding a NUL byte (PostgreSQL does; SQLite stores it). */
    abstract boolean refusesNulInText();

    private List<SpecificRecord> everyKind() {
        return List.of(started("call-1"), line("call-1", 0, "Good afternoon."),
                enriched(turn("call-1", 0, 0, Status.PARTIAL, "Our capital plan"), List.of("capital-raise", "guidance"),
                        List.of("USD 2.0E9", "USD 2.5E9")),
                exchange("call-1", 0, 0, Status.PARTIAL), alert("call-1", "capital-raise-by-executive", 0),
                ended("call-1", 1));
    }

    @Test
    void writesEveryKindOfRecordAndTheOffsetsInOneGo() throws Exception {
        try (CallStore store = CallStore.open(url())) {
            store.write(everyKind(), "sink", Map.of(TURNS_0, 6L));
            assertThat(store.offsets("sink")).containsExactlyEntriesOf(Map.of(TURNS_0, 6L));
        }
        assertThat(rows("SELECT company, ticker, line_count, end_offset_ms FROM calls"))
                .containsExactly("Tesla, Inc.|TSLA|1|3600000");
        assertThat(rows("SELECT turn_index, status, text, forward_looking FROM turns"))
                .containsExactly("0|PARTIAL|Our capital plan|true");
        assertThat(rows("SELECT topic_id, label, evidence FROM turn_topics ORDER BY topic_id")).containsExactly(
                "capital-raise|Label capital-raise|[{\"start\":0,\"end\":3,\"text\":\"Our\"}]",
                "guidance|Label guidance|[{\"start\":0,\"end\":3,\"text\":\"Our\"}]");
        assertThat(rows("SELECT ordinal, normalized, value FROM turn_numbers ORDER BY ordinal"))
                .containsExactly("0|USD 2.0E9|2.0E9", "1|USD 2.5E9|2.0E9");
        assertThat(rows("SELECT exchange_id, analyst_name, analyst_firm, answered_by, declined FROM exchanges"))
                .containsExactly("call-1/q0|Ryan Brinkman|JPMorgan|[\"Elon Musk\"]|false");
        assertThat(rows("SELECT alert_id, severity, topic_ids FROM alerts"))
                .containsExactly("call-1/capital-raise-by-executive/0|HIGH|[\"capital-raise\"]");
    }

    @Test
    void keepsWhatScoredALearnedTagAndLeavesItNullForARulesTag() throws Exception {
        io.callstream.avro.EnrichedTurn tagged = enriched(turn("call-1", 0, 0, Status.PARTIAL, "Our capital plan"),
                List.of("capital-raise", "guidance"), List.of());
        io.callstream.avro.TopicTag learned = io.callstream.avro.TopicTag.newBuilder(tagged.getTopics().get(1))
                .setModelId("examples").setModelVersion("all-minilm-l6-v2-q/1.19.0-beta29").setScore(0.71).build();
        tagged.setTopics(List.of(tagged.getTopics().get(0), learned));
        try (CallStore store = CallStore.open(url())) {
            store.write(List.of(started("call-1"), tagged), "sink", Map.of(TURNS_0, 2L));
        }
        assertThat(rows("SELECT topic_id, model_id, model_version, score FROM turn_topics ORDER BY topic_id"))
                .containsExactly("capital-raise|null|null|null",
                        "guidance|examples|all-minilm-l6-v2-q/1.19.0-beta29|0.71");
    }

    @Test
    void writingTheSameBatchAgainChangesNothing() throws Exception {
        try (CallStore store = CallStore.open(url())) {
            store.write(everyKind(), "sink", Map.of(TURNS_0, 6L));
            List<String> once = everyTable();
            store.write(everyKind(), "sink", Map.of(TURNS_0, 6L));
            assertThat(everyTable()).isEqualTo(once);
        }
    }

    @Test
    void newerTurnVersionReplacesItsTopicsAndNumbers() throws Exception {
        try (CallStore store = CallStore.open(url())) {
            store.write(List.of(enriched(turn("call-1", 0, 0, Status.PARTIAL, "Our"), List.of("guidance"),
                    List.of("USD 1"))), "sink", Map.of());
            store.write(List.of(enriched(turn("call-1", 0, 1, Status.FINAL, "Our cash"), List.of("cash-burn"),
                    List.of())), "sink", Map.of());
        }
        assertThat(rows("SELECT version, status, text FROM turns")).containsExactly("1|FINAL|Our cash");
        assertThat(rows("SELECT topic_id FROM turn_topics")).containsExactly("cash-burn");
        assertThat(rows("SELECT COUNT(*) FROM turn_numbers")).containsExactly("0");
    }

    @Test
    void olderTurnVersionArrivingLateChangesNothing() throws Exception {
        try (CallStore store = CallStore.open(url())) {
            store.write(List.of(enriched("call-1", 0, 1, Status.FINAL, "Our cash", "cash-burn")), "sink", Map.of());
            store.write(List.of(enriched("call-1", 0, 0, Status.PARTIAL, "Our", "guidance")), "sink", Map.of());
        }
        assertThat(rows("SELECT version, text FROM turns")).containsExactly("1|Our cash");
        assertThat(rows("SELECT topic_id FROM turn_topics")).containsExactly("cash-burn");
    }

    @Test
    void newestVersionWinsWithinOneBatchWhateverItsPlace() throws Exception {
        try (CallStore store = CallStore.open(url())) {
            store.write(List.of(enriched("call-1", 0, 2, Status.FINAL, "Our cash burn", "cash-burn"),
                    enriched("call-1", 0, 1, Status.PARTIAL, "Our cash", "guidance"),
                    exchange("call-1", 0, 3, Status.FINAL), exchange("call-1", 0, 2, Status.PARTIAL)), "sink", Map.of());
        }
        assertThat(rows("SELECT version, text FROM turns")).containsExactly("2|Our cash burn");
        assertThat(rows("SELECT topic_id FROM turn_topics")).containsExactly("cash-burn");
        assertThat(rows("SELECT version, status FROM exchanges")).containsExactly("3|FINAL");
    }

    @Test
    void alertKeepsItsFirstWriting() throws Exception {
        Alert first = alert("call-1", "guidance-with-number", 4);
        Alert again = Alert.newBuilder(first).setTitle("written again").build();
        try (CallStore store = CallStore.open(url())) {
            store.write(List.of(first), "sink", Map.of());
            store.write(List.of(again), "sink", Map.of());
        }
        assertThat(rows("SELECT title FROM alerts")).containsExactly(first.getTitle());
    }

    @Test
    void callEndedBeforeItsStartKeepsBothHalves() throws Exception {
        try (CallStore store = CallStore.open(url())) {
            store.write(List.of(ended("call-1", 9)), "sink", Map.of());
            store.write(List.of(started("call-1")), "sink", Map.of());
        }
        assertThat(rows("SELECT company, line_count FROM calls")).containsExactly("Tesla, Inc.|9");
    }

    @Test
    void refusedRecordIsReportedBeforeCommitAndTheRestIsWritten() throws Exception {
        Alert broken = Alert.newBuilder(alert("call-1", "guidance-with-number", 4)).setTurnIndex(-1).build();
        List<SpecificRecord> batch = List.of(enriched("call-1", 0, 0, Status.FINAL, "Our plan", "guidance"), broken,
                exchange("call-1", 0, 0, Status.FINAL));
        List<CallStore.Refusal> seen = new ArrayList<>();
        try (CallStore store = CallStore.open(url())) {
            List<CallStore.Refusal> refused = store.write(batch, "sink", Map.of(TURNS_0, 3L), seen::addAll);
            assertThat(refused).singleElement().satisfies(r -> {
                assertThat(r.index()).isEqualTo(1);
                assertThat(r.reason()).containsIgnoringCase("check");
            });
            assertThat(seen).isEqualTo(refused);
            assertThat(store.offsets("sink")).containsExactlyEntriesOf(Map.of(TURNS_0, 3L));
        }
        assertThat(rows("SELECT COUNT(*) FROM turns")).containsExactly("1");
        assertThat(rows("SELECT COUNT(*) FROM turn_topics")).containsExactly("1");
        assertThat(rows("SELECT COUNT(*) FROM exchanges")).containsExactly("1");
        assertThat(rows("SELECT COUNT(*) FROM alerts")).containsExactly("0");
    }

    @Test
    void textWithNulByteIsRefusedWhereTheDatabaseRefusesIt() throws Exception {
        assumeThat(refusesNulInText()).as("this database stores NUL bytes in text").isTrue();
        EnrichedTurn nul = enriched("call-1", 1, 0, Status.FINAL, "bad \u0000 byte", "guidance");
        try (CallStore store = CallStore.open(url())) {
            List<CallStore.Refusal> refused = store.write(
                    List.of(enriched("call-1", 0, 0, Status.FINAL, "Fine", "guidance"), nul), "sink", Map.of());
            assertThat(refused).singleElement().satisfies(r -> assertThat(r.index()).isEqualTo(1));
        }
        assertThat(rows("SELECT turn_index, text FROM turns")).containsExactly("0|Fine");
        assertThat(rows("SELECT turn_index FROM turn_topics")).containsExactly("0");
    }

    @Test
    void failingBeforeCommitWritesNothing() throws Exception {
        try (CallStore store = CallStore.open(url())) {
            assertThatThrownBy(() -> store.write(everyKind(), "sink", Map.of(TURNS_0, 6L), refused -> {
                throw new SQLException("dead-letter topic unavailable");
            })).hasMessageContaining("dead-letter topic unavailable");
            assertThat(store.offsets("sink")).isEmpty();
            // The store opens a new connection after a failure and goes on.
            store.write(everyKind(), "sink", Map.of(TURNS_0, 6L));
        }
        assertThat(rows("SELECT COUNT(*) FROM turns")).containsExactly("1");
    }

    /** Every table's rows, sorted, as text: to compare the whole store before and after. */
    private List<String> everyTable() throws SQLException {
        List<String> all = new ArrayList<>();
        for (String table : TABLES) {
            for (String row : rows("SELECT * FROM " + table)) {
                all.add(table + ":" + row);
            }
        }
        all.sort(null);
        return all;
    }

    /** The rows of a query, each as its columns joined by '|'. */
    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    columns.add(value instanceof Integer i2 && meta.getColumnTypeName(i).equalsIgnoreCase("BOOLEAN")
                            ? String.valueOf(i2 != 0) : String.valueOf(value));
                }
                rows.add(String.join("|", columns));
            }
        }
        return rows;
    }
}
