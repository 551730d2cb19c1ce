package io.callstream.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;

import io.callstream.avro.Alert;

/** Alerts into {@code alerts}. An alert fires once: the first row written under its id stays. */
final class AlertRows {

    private static final String INSERT = """
            INSERT INTO alerts (alert_id, call_id, rule_id, rules_id, rule_version, severity, title, turn_index,
                                turn_version, turn_status, section, known_at_seq, call_offset_ms, observed_at,
                                emitted_at, speaker_name, affiliation, role, excerpt, evidence, topic_ids)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (alert_id) DO NOTHING
            """;

    private AlertRows() {
    }

    static void write(Connection c, Collection<Alert> alerts) throws SQLException {
        if (alerts.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Alert a : OnePerKey.of(alerts, Alert::getAlertId, (first, again) -> first)) {
                int i = 0;
                s.setString(++i, a.getAlertId());
                s.setString(++i, a.getCallId());
                s.setString(++i, a.getRuleId());
                s.setString(++i, a.getRulesId());
                s.setString(++i, a.getRuleVersion());
                s.setString(++i, a.getSeverity().name());
                s.setString(++i, a.getTitle());
                s.setInt(++i, a.getTurnIndex());
                s.setInt(++i, a.getTurnVersion());
                s.setString(++i, a.getTurnStatus().name());
                s.setString(++i, a.getSection().name());
                s.setLong(++i, a.getKnownAtSeq());
                s.setLong(++i, a.getCallOffsetMs());
                s.setLong(++i, a.getObservedAt().toEpochMilli());
                if (a.getEmittedAt() == null) {
                    s.setNull(++i, Types.BIGINT);
                } else {
                    s.setLong(++i, a.getEmittedAt().toEpochMilli());
                }
                s.setString(++i, a.getSpeaker().getName());
                s.setString(++i, a.getSpeaker().getAffiliation());
                s.setString(++i, a.getSpeaker().getRole().name());
                s.setString(++i, a.getExcerpt());
                s.setString(++i, JsonColumns.spans(a.getEvidence()));
                s.setString(++i, JsonColumns.list(a.getTopicIds()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
