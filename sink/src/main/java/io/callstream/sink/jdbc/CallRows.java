package io.callstream.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;

/**
 * A call's row in {@code calls}, from its CallStarted and CallEnded events (lines and identifications are the
 * turns' business). Each event sets only its own columns, so the two may arrive in either order or twice.
 */
final class CallRows {

    private static final String UPSERT_STARTED = """
            INSERT INTO calls (call_id, company, ticker, fiscal_period, title, source, scheduled_start, started_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (call_id) DO UPDATE SET
                company = excluded.company, ticker = excluded.ticker, fiscal_period = excluded.fiscal_period,
                title = excluded.title, source = excluded.source, scheduled_start = excluded.scheduled_start,
                started_at = excluded.started_at
            """;
    private static final String UPSERT_ENDED = """
            INSERT INTO calls (call_id, ended_at, end_offset_ms, line_count, end_reason) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (call_id) DO UPDATE SET
                ended_at = excluded.ended_at, end_offset_ms = excluded.end_offset_ms,
                line_count = excluded.line_count, end_reason = excluded.end_reason
            """;

    private CallRows() {
    }

    /** Whether the store keeps anything of this event. */
    static boolean kept(CallEvent event) {
        return event.getPayload() instanceof CallStarted || event.getPayload() instanceof CallEnded;
    }

    static void write(Connection c, Collection<CallEvent> events) throws SQLException {
        try (PreparedStatement started = c.prepareStatement(UPSERT_STARTED);
             PreparedStatement ended = c.prepareStatement(UPSERT_ENDED)) {
            boolean anyStarted = false;
            boolean anyEnded = false;
            // Per call, the last start and the last end: a call ingested twice in one batch is one row.
            for (CallEvent e : OnePerKey.of(events, x -> x.getCallId() + "/" + x.getPayload().getClass().getSimpleName(),
                    (earlier, later) -> later)) {
                if (e.getPayload() instanceof CallStarted s) {
                    int i = 0;
                    started.setString(++i, e.getCallId());
                    started.setString(++i, s.getCompany());
                    started.setString(++i, s.getTicker());
                    started.setString(++i, s.getFiscalPeriod());
                    started.setString(++i, s.getTitle());
                    started.setString(++i, s.getSource());
                    if (s.getScheduledStart() == null) {
                        started.setNull(++i, Types.BIGINT);
                    } else {
                        started.setLong(++i, s.getScheduledStart().toEpochMilli());
                    }
                    started.setLong(++i, e.getObservedAt().toEpochMilli());
                    started.addBatch();
                    anyStarted = true;
                } else if (e.getPayload() instanceof CallEnded end) {
                    int i = 0;
                    ended.setString(++i, e.getCallId());
                    ended.setLong(++i, e.getObservedAt().toEpochMilli());
                    ended.setLong(++i, e.getCallOffsetMs());
                    ended.setLong(++i, end.getLineCount());
                    ended.setString(++i, end.getReason());
                    ended.addBatch();
                    anyEnded = true;
                }
            }
            if (anyStarted) {
                started.executeBatch();
            }
            if (anyEnded) {
                ended.executeBatch();
            }
        }
    }
}
