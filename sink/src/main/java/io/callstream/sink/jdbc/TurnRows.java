package io.callstream.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;

import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.NumberMention;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.TopicTag;

/**
 * Enriched turns into {@code turns}, {@code turn_topics} and {@code turn_numbers}. The turn's row keeps its highest
 * version; its topics and numbers are replaced only by the record of that very version, so an older snapshot
 * arriving late (or replayed after a crash) changes nothing.
 */
final class TurnRows {

    private static final String UPSERT_TURN = """
            INSERT INTO turns (call_id, turn_index, version, status, speaker_label, speaker_name, affiliation, role,
                               section, text, line_count, first_seq, last_seq, start_offset_ms, end_offset_ms,
                               first_observed_at, last_observed_at, forward_looking, exchange_id, known_at_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (call_id, turn_index) DO UPDATE SET
                version = excluded.version, status = excluded.status, speaker_label = excluded.speaker_label,
                speaker_name = excluded.speaker_name, affiliation = excluded.affiliation, role = excluded.role,
                section = excluded.section, text = excluded.text, line_count = excluded.line_count,
                first_seq = excluded.first_seq, last_seq = excluded.last_seq,
                start_offset_ms = excluded.start_offset_ms, end_offset_ms = excluded.end_offset_ms,
                first_observed_at = excluded.first_observed_at, last_observed_at = excluded.last_observed_at,
                forward_looking = excluded.forward_looking, exchange_id = excluded.exchange_id,
                known_at_seq = excluded.known_at_seq
            WHERE excluded.version >= turns.version
            """;
    /** The turn's row holds this version: the record is the newest, and its topics and numbers are the truth. */
    private static final String IS_STORED_VERSION =
            "EXISTS (SELECT 1 FROM turns v WHERE v.call_id = ? AND v.turn_index = ? AND v.version = ?)";
    private static final String DELETE_TOPICS =
            "DELETE FROM turn_topics WHERE call_id = ? AND turn_index = ? AND " + IS_STORED_VERSION;
    private static final String DELETE_NUMBERS =
            "DELETE FROM turn_numbers WHERE call_id = ? AND turn_index = ? AND " + IS_STORED_VERSION;
    private static final String INSERT_TOPIC = """
            INSERT INTO turn_topics (call_id, turn_index, topic_id, label, taxonomy_id, taxonomy_version, evidence,
                                     model_id, model_version, score)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE\s""" + IS_STORED_VERSION;
    private static final String INSERT_NUMBER = """
            INSERT INTO turn_numbers (call_id, turn_index, ordinal, kind, span_start, span_end, span_text, value,
                                      unit, normalized)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE\s""" + IS_STORED_VERSION;

    private TurnRows() {
    }

    /**
     * Writes the turns with JDBC batches: all upserts first, then the topics and numbers of each turn. Only the
     * highest version of each turn in {@code turns} is written (the others could not win).
     */
    static void write(Connection c, Collection<EnrichedTurn> turns) throws SQLException {
        Collection<EnrichedTurn> newest = OnePerKey.latest(turns,
                t -> t.getTurn().getCallId() + "/" + t.getTurn().getTurnIndex(), t -> t.getTurn().getVersion());
        try (PreparedStatement upsert = c.prepareStatement(UPSERT_TURN);
             PreparedStatement deleteTopics = c.prepareStatement(DELETE_TOPICS);
             PreparedStatement deleteNumbers = c.prepareStatement(DELETE_NUMBERS);
             PreparedStatement insertTopic = c.prepareStatement(INSERT_TOPIC);
             PreparedStatement insertNumber = c.prepareStatement(INSERT_NUMBER)) {
            boolean anyTopic = false;
            boolean anyNumber = false;
            for (EnrichedTurn t : newest) {
                SpeakerTurn turn = t.getTurn();
                bindTurn(upsert, t);
                upsert.addBatch();
                bindKeyOfStoredVersion(deleteTopics, turn);
                deleteTopics.addBatch();
                bindKeyOfStoredVersion(deleteNumbers, turn);
                deleteNumbers.addBatch();
                for (TopicTag tag : t.getTopics()) {
                    int i = 0;
                    insertTopic.setString(++i, turn.getCallId());
                    insertTopic.setInt(++i, turn.getTurnIndex());
                    insertTopic.setString(++i, tag.getTopicId());
                    insertTopic.setString(++i, tag.getLabel());
                    insertTopic.setString(++i, tag.getTaxonomyId());
                    insertTopic.setString(++i, tag.getTaxonomyVersion());
                    insertTopic.setString(++i, JsonColumns.spans(tag.getEvidence()));
                    insertTopic.setString(++i, tag.getModelId());
                    insertTopic.setString(++i, tag.getModelVersion());
                    if (tag.getScore() == null) {
                        insertTopic.setNull(++i, Types.DOUBLE);
                    } else {
                        insertTopic.setDouble(++i, tag.getScore());
                    }
                    bindStoredVersion(insertTopic, ++i, turn);
                    insertTopic.addBatch();
                    anyTopic = true;
                }
                int ordinal = 0;
                for (NumberMention n : t.getNumbers()) {
                    int i = 0;
                    insertNumber.setString(++i, turn.getCallId());
                    insertNumber.setInt(++i, turn.getTurnIndex());
                    insertNumber.setInt(++i, ordinal++);
                    insertNumber.setString(++i, n.getKind().name());
                    insertNumber.setInt(++i, n.getSpan().getStart());
                    insertNumber.setInt(++i, n.getSpan().getEnd());
                    insertNumber.setString(++i, n.getSpan().getText());
                    if (n.getValue() == null) {
                        insertNumber.setNull(++i, Types.DOUBLE);
                    } else {
                        insertNumber.setDouble(++i, n.getValue());
                    }
                    insertNumber.setString(++i, n.getUnit());
                    insertNumber.setString(++i, n.getNormalized());
                    bindStoredVersion(insertNumber, ++i, turn);
                    insertNumber.addBatch();
                    anyNumber = true;
                }
            }
            if (newest.isEmpty()) {
                return;
            }
            upsert.executeBatch();
            deleteTopics.executeBatch();
            deleteNumbers.executeBatch();
            if (anyTopic) {
                insertTopic.executeBatch();
            }
            if (anyNumber) {
                insertNumber.executeBatch();
            }
        }
    }

    /** Binds a DELETE: the turn's key, then IS_STORED_VERSION. */
    private static void bindKeyOfStoredVersion(PreparedStatement s, SpeakerTurn turn) throws SQLException {
        s.setString(1, turn.getCallId());
        s.setInt(2, turn.getTurnIndex());
        bindStoredVersion(s, 3, turn);
    }

    /** Binds IS_STORED_VERSION's three parameters from position {@code first}. */
    private static void bindStoredVersion(PreparedStatement s, int first, SpeakerTurn turn) throws SQLException {
        s.setString(first, turn.getCallId());
        s.setInt(first + 1, turn.getTurnIndex());
        s.setInt(first + 2, turn.getVersion());
    }

    private static void bindTurn(PreparedStatement s, EnrichedTurn enriched) throws SQLException {
        SpeakerTurn t = enriched.getTurn();
        int i = 0;
        s.setString(++i, t.getCallId());
        s.setInt(++i, t.getTurnIndex());
        s.setInt(++i, t.getVersion());
        s.setString(++i, t.getStatus().name());
        s.setString(++i, t.getSpeaker().getLabel());
        s.setString(++i, t.getSpeaker().getName());
        s.setString(++i, t.getSpeaker().getAffiliation());
        s.setString(++i, t.getSpeaker().getRole().name());
        s.setString(++i, t.getSection().name());
        s.setString(++i, t.getText());
        s.setInt(++i, t.getLineCount());
        s.setLong(++i, t.getFirstSeq());
        s.setLong(++i, t.getLastSeq());
        s.setLong(++i, t.getStartOffsetMs());
        s.setLong(++i, t.getEndOffsetMs());
        s.setLong(++i, t.getFirstObservedAt().toEpochMilli());
        s.setLong(++i, t.getLastObservedAt().toEpochMilli());
        s.setBoolean(++i, enriched.getForwardLooking());
        s.setString(++i, enriched.getExchangeId());
        s.setLong(++i, t.getKnownAtSeq());
    }
}
