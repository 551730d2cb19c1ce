package io.callstream.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Speaker;

/** Question-answer exchanges into {@code exchanges}; the row keeps the exchange's highest version. */
final class ExchangeRows {

    private static final String UPSERT = """
            INSERT INTO exchanges (call_id, exchange_index, exchange_id, version, status, analyst_name, analyst_firm,
                                   question_turns, answer_turns, answered_by, declined, decline_text,
                                   start_offset_ms, end_offset_ms, known_at_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (call_id, exchange_index) DO UPDATE SET
                exchange_id = excluded.exchange_id, version = excluded.version, status = excluded.status,
                analyst_name = excluded.analyst_name, analyst_firm = excluded.analyst_firm,
                question_turns = excluded.question_turns, answer_turns = excluded.answer_turns,
                answered_by = excluded.answered_by, declined = excluded.declined, decline_text = excluded.decline_text,
                start_offset_ms = excluded.start_offset_ms, end_offset_ms = excluded.end_offset_ms,
                known_at_seq = excluded.known_at_seq
            WHERE excluded.version >= exchanges.version
            """;

    private ExchangeRows() {
    }

    static void write(Connection c, Collection<QaExchange> exchanges) throws SQLException {
        if (exchanges.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (QaExchange e : OnePerKey.latest(exchanges, x -> x.getCallId() + "/" + x.getExchangeIndex(),
                    QaExchange::getVersion)) {
                int i = 0;
                s.setString(++i, e.getCallId());
                s.setInt(++i, e.getExchangeIndex());
                s.setString(++i, e.getExchangeId());
                s.setInt(++i, e.getVersion());
                s.setString(++i, e.getStatus().name());
                s.setString(++i, e.getAnalyst().getName());
                s.setString(++i, e.getAnalyst().getAffiliation());
                s.setString(++i, JsonColumns.list(e.getQuestionTurns()));
                s.setString(++i, JsonColumns.list(e.getAnswerTurns()));
                s.setString(++i, JsonColumns.list(names(e.getAnsweredBy())));
                s.setBoolean(++i, e.getDeclined());
                s.setString(++i, e.getDeclineEvidence() == null ? null : e.getDeclineEvidence().getText());
                s.setLong(++i, e.getStartOffsetMs());
                s.setLong(++i, e.getEndOffsetMs());
                s.setLong(++i, e.getKnownAtSeq());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** A speaker as a reader would name them: the name, else the source's label. */
    private static List<String> names(List<Speaker> speakers) {
        return speakers.stream().map(s -> s.getName() != null ? s.getName() : String.valueOf(s.getLabel())).toList();
    }
}
