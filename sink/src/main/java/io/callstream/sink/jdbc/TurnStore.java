package io.callstream.sink.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.SpeakerTurn;
import org.apache.kafka.common.TopicPartition;

/**
 * The JDBC store of turns. A batch of turns and the consumer offsets after it are written in one transaction;
 * upserts keep the highest version of each turn, so replaying a batch changes nothing.
 */
public final class TurnStore implements AutoCloseable {

    private static final String UPSERT_TURN = """
            INSERT INTO turns (call_id, turn_index, version, status, speaker_label, speaker_name, affiliation, role,
                               section, text, line_count, first_seq, last_seq, start_offset_ms, end_offset_ms,
                               first_observed_at, last_observed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (call_id, turn_index) DO UPDATE SET
                version = excluded.version, status = excluded.status, speaker_label = excluded.speaker_label,
                speaker_name = excluded.speaker_name, affiliation = excluded.affiliation, role = excluded.role,
                section = excluded.section, text = excluded.text, line_count = excluded.line_count,
                first_seq = excluded.first_seq, last_seq = excluded.last_seq,
                start_offset_ms = excluded.start_offset_ms, end_offset_ms = excluded.end_offset_ms,
                first_observed_at = excluded.first_observed_at, last_observed_at = excluded.last_observed_at
            WHERE excluded.version >= turns.version
            """;
    private static final String UPSERT_OFFSET = """
            INSERT INTO sink_offsets (consumer, topic, partition_id, next_offset) VALUES (?, ?, ?, ?)
            ON CONFLICT (consumer, topic, partition_id) DO UPDATE SET next_offset = excluded.next_offset
            """;

    private final Connection connection;
    private final String jdbcUrl;

    private TurnStore(Connection connection, String jdbcUrl) {
        this.connection = connection;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Opens the store at a JDBC URL ({@code jdbc:sqlite:calls.db}, {@code jdbc:postgresql://...}) after migrating its
     * schema to the latest version.
     */
    public static TurnStore open(String jdbcUrl) throws SQLException {
        StoreMigrations.apply(jdbcUrl);
        Connection connection = DriverManager.getConnection(jdbcUrl);
        connection.setAutoCommit(false);
        return new TurnStore(connection, jdbcUrl);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Writes the turns and the offsets to resume from, all or nothing. */
    public void write(List<SpeakerTurn> turns, String consumer, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_TURN);
             PreparedStatement offsets = connection.prepareStatement(UPSERT_OFFSET)) {
            for (SpeakerTurn t : turns) {
                int i = 0;
                upsert.setString(++i, t.getCallId());
                upsert.setInt(++i, t.getTurnIndex());
                upsert.setInt(++i, t.getVersion());
                upsert.setString(++i, t.getStatus().name());
                upsert.setString(++i, t.getSpeaker().getLabel());
                upsert.setString(++i, t.getSpeaker().getName());
                upsert.setString(++i, t.getSpeaker().getAffiliation());
                upsert.setString(++i, t.getSpeaker().getRole().name());
                upsert.setString(++i, t.getSection().name());
                upsert.setString(++i, t.getText());
                upsert.setInt(++i, t.getLineCount());
                upsert.setLong(++i, t.getFirstSeq());
                upsert.setLong(++i, t.getLastSeq());
                upsert.setLong(++i, t.getStartOffsetMs());
                upsert.setLong(++i, t.getEndOffsetMs());
                upsert.setLong(++i, t.getFirstObservedAt().toEpochMilli());
                upsert.setLong(++i, t.getLastObservedAt().toEpochMilli());
                upsert.addBatch();
            }
            for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
                offsets.setString(1, consumer);
                offsets.setString(2, e.getKey().topic());
                offsets.setInt(3, e.getKey().partition());
                offsets.setLong(4, e.getValue());
                offsets.addBatch();
            }
            upsert.executeBatch();
            offsets.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The offsets to resume from, as last committed with the rows. */
    public Map<TopicPartition, Long> offsets(String consumer) throws SQLException {
        Map<TopicPartition, Long> result = new HashMap<>();
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT topic, partition_id, next_offset FROM sink_offsets WHERE consumer = ?")) {
            q.setString(1, consumer);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    result.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        connection.commit();
        return result;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
