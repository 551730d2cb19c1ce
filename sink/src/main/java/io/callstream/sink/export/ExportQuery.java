package io.callstream.sink.export;

import static io.callstream.sink.export.ExportColumn.bool;
import static io.callstream.sink.export.ExportColumn.decimal;
import static io.callstream.sink.export.ExportColumn.integer;
import static io.callstream.sink.export.ExportColumn.json;
import static io.callstream.sink.export.ExportColumn.list;
import static io.callstream.sink.export.ExportColumn.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every query the exports run, one set of SQL for SQLite and PostgreSQL: only CAST, ||, CASE, integer division
 * and % (which truncate alike on BIGINT in both), and string_agg (SQLite has it since 3.44; the bundled driver is
 * newer). Each export takes the call id as its one parameter and lists its columns in the order of its SELECT.
 * Rows are ordered by numbers first; a tie left to text (topic ids) follows PostgreSQL's collation there, which is
 * SQLite's order under the C collation. A list column is sorted when read (see {@link ExportColumn.Type#LIST}).
 */
public enum ExportQuery {

    /** One row per turn of the call, in order, with its topics. */
    TRANSCRIPT("""
            SELECT t.call_id, t.turn_index, t.status, t.start_offset_ms, t.end_offset_ms,
                   %s AS start_time, %s AS end_time,
                   t.speaker_name, t.speaker_label, t.affiliation, t.role, t.section, t.text,
                   (SELECT string_agg(tt.topic_id, ';') FROM turn_topics tt
                     WHERE tt.call_id = t.call_id AND tt.turn_index = t.turn_index) AS topics,
                   t.exchange_id, t.forward_looking
            FROM turns t
            WHERE t.call_id = ?
            ORDER BY t.turn_index
            """.formatted(clock("t.start_offset_ms"), clock("t.end_offset_ms")),
            text("call_id"), integer("turn_index"), text("status"), integer("start_offset_ms"),
            integer("end_offset_ms"), text("start_time"), text("end_time"), text("speaker_name"),
            text("speaker_label"), text("affiliation"), text("role"), text("section"), text("text"), list("topics"),
            text("exchange_id"), bool("forward_looking")),

    /**
     * One row per topic of a turn, with the words that matched it, or for the learned tier the sentences that scored
     * and what scored them.
     */
    TOPICS("""
            SELECT tt.call_id, tt.turn_index, t.start_offset_ms, %s AS start_time, t.speaker_name, t.role, t.section,
                   tt.topic_id, tt.label, tt.taxonomy_id, tt.taxonomy_version, tt.evidence, tt.model_id,
                   tt.model_version, tt.score
            FROM turn_topics tt
            JOIN turns t ON t.call_id = tt.call_id AND t.turn_index = tt.turn_index
            WHERE tt.call_id = ?
            ORDER BY tt.turn_index, tt.topic_id
            """.formatted(clock("t.start_offset_ms")),
            text("call_id"), integer("turn_index"), integer("start_offset_ms"), text("start_time"),
            text("speaker_name"), text("role"), text("section"), text("topic_id"), text("label"),
            text("taxonomy_id"), text("taxonomy_version"), json("evidence"), text("model_id"),
            text("model_version"), decimal("score")),

    /** One row per number read in a turn, in the order of the turn's text. */
    NUMBERS("""
            SELECT n.call_id, n.turn_index, n.ordinal, t.start_offset_ms, %s AS start_time, t.speaker_name, t.role,
                   n.kind, n.span_text, n.value, n.unit, n.normalized, n.span_start, n.span_end
            FROM turn_numbers n
            JOIN turns t ON t.call_id = n.call_id AND t.turn_index = n.turn_index
            WHERE n.call_id = ?
            ORDER BY n.turn_index, n.ordinal
            """.formatted(clock("t.start_offset_ms")),
            text("call_id"), integer("turn_index"), integer("ordinal"), integer("start_offset_ms"),
            text("start_time"), text("speaker_name"), text("role"), text("kind"), text("span_text"),
            decimal("value"), text("unit"), text("normalized"), integer("span_start"), integer("span_end")),

    /** One row per question-answer exchange, in order. */
    EXCHANGES("""
            SELECT call_id, exchange_index, exchange_id, status, analyst_name, analyst_firm,
                   start_offset_ms, end_offset_ms, %s AS start_time, %s AS end_time,
                   question_turns, answer_turns, answered_by, declined, decline_text
            FROM exchanges
            WHERE call_id = ?
            ORDER BY exchange_index
            """.formatted(clock("start_offset_ms"), clock("end_offset_ms")),
            text("call_id"), integer("exchange_index"), text("exchange_id"), text("status"), text("analyst_name"),
            text("analyst_firm"), integer("start_offset_ms"), integer("end_offset_ms"), text("start_time"),
            text("end_time"), json("question_turns"), json("answer_turns"), json("answered_by"), bool("declined"),
            text("decline_text")),

    /** One row per alert, in call time (then in the order of the lines that fired them). */
    ALERTS("""
            SELECT call_id, alert_id, call_offset_ms, %s AS call_time, severity, rule_id, title, turn_index,
                   turn_status, section, speaker_name, affiliation, role, excerpt, topic_ids, evidence,
                   rules_id, rule_version, known_at_seq, observed_at, emitted_at
            FROM alerts
            WHERE call_id = ?
            ORDER BY call_offset_ms, known_at_seq, alert_id
            """.formatted(clock("call_offset_ms")),
            text("call_id"), text("alert_id"), integer("call_offset_ms"), text("call_time"), text("severity"),
            text("rule_id"), text("title"), integer("turn_index"), text("turn_status"), text("section"),
            text("speaker_name"), text("affiliation"), text("role"), text("excerpt"), json("topic_ids"),
            json("evidence"), text("rules_id"), text("rule_version"), integer("known_at_seq"),
            integer("observed_at"), integer("emitted_at")),

    /** Turns per topic per minute of the call (the minute a turn starts in). */
    TIMELINE("""
            SELECT t.call_id, t.start_offset_ms / 60000 AS minute, tt.topic_id, tt.label, COUNT(*) AS turns
            FROM turns t
            JOIN turn_topics tt ON tt.call_id = t.call_id AND tt.turn_index = t.turn_index
            WHERE t.call_id = ?
            GROUP BY t.call_id, t.start_offset_ms / 60000, tt.topic_id, tt.label
            ORDER BY minute, tt.topic_id
            """,
            text("call_id"), integer("minute"), text("topic_id"), text("label"), integer("turns"));

    /** Whether the store has the call, from its start or end or any of its turns. */
    public static final String HOLDS_CALL = """
            SELECT 1 FROM calls WHERE call_id = ?
            UNION ALL
            SELECT 1 FROM turns WHERE call_id = ?
            """;

    /** Some calls the store has, to name when asked for one it has not; the limit is the parameter. */
    public static final String SOME_CALLS = """
            SELECT call_id FROM calls
            UNION
            SELECT call_id FROM turns
            ORDER BY call_id
            LIMIT ?
            """;

    private final String sql;
    private final List<ExportColumn> columns;

    ExportQuery(String sql, ExportColumn... columns) {
        this.sql = sql;
        this.columns = List.of(columns);
    }

    public String sql() {
        return sql;
    }

    public List<ExportColumn> columns() {
        return columns;
    }

    /** The name on the command line: {@code transcript}, {@code alerts}... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExportQuery named(String name) {
        return Arrays.stream(values()).filter(q -> q.cliName().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no export '" + name + "'; choose one of " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(ExportQuery::cliName).collect(Collectors.joining(", "));
    }

    /**
     * Milliseconds as mm:ss (minutes past 99 keep all their digits), written with what both stores share: no
     * printf (SQLite) or to_char (PostgreSQL), so padding is a CASE.
     */
    private static String clock(String ms) {
        return ("(CASE WHEN %1$s < 600000 THEN '0' ELSE '' END || CAST(%1$s / 60000 AS TEXT) || ':'"
                + " || CASE WHEN (%1$s %% 60000) < 10000 THEN '0' ELSE '' END || CAST((%1$s %% 60000) / 1000 AS TEXT))")
                .formatted(ms);
    }
}
