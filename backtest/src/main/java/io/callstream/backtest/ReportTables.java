package io.callstream.backtest;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.callstream.avro.Alert;
import io.callstream.avro.Role;
import io.callstream.avro.Span;
import io.callstream.sink.export.CsvRowWriter;
import io.callstream.sink.export.ExportColumn;
import io.callstream.sink.export.JsonLinesRowWriter;
import io.callstream.sink.export.RowWriter;

/**
 * The backtest's tables, written as the {@code export} command writes its own: CSV per RFC 4180 with a header row,
 * or JSON Lines with typed values. Call times are given twice, in milliseconds for programs and as {@code m:ss}
 * for people.
 */
final class ReportTables {

    /** A table: its columns, and its rows as values typed by column (String, Long, List of String, or null). */
    record Table(List<ExportColumn> columns, List<List<Object>> rows) {
    }

    private ReportTables() {
    }

    /** Every alert of every rule set: the set's label first, then each call's alerts in the order they fired. */
    static Table alerts(BacktestReport report) {
        List<ExportColumn> columns = List.of(text("rules"), text("call_id"), text("rule_id"), text("severity"),
                integer("call_time_ms"), text("call_time"), integer("known_at_seq"), integer("turn_index"),
                text("speaker"), text("role"), text("excerpt"), list("evidence"), list("topic_ids"),
                text("turn_status"), integer("turn_version"), text("section"), text("alert_id"), text("rules_id"),
                text("rule_version"), text("title"));
        List<List<Object>> rows = new ArrayList<>();
        for (RuleSet ruleSet : report.ruleSets()) {
            for (CallReport call : report.run().reports()) {
                for (Alert a : call.alerts(ruleSet.label())) {
                    rows.add(values(ruleSet.label(), a.getCallId(), a.getRuleId(), a.getSeverity().name(),
                            a.getCallOffsetMs(), CallTime.format(a.getCallOffsetMs()), a.getKnownAtSeq(),
                            (long) a.getTurnIndex(), Speakers.name(a.getSpeaker()), a.getSpeaker().getRole().name(),
                            a.getExcerpt(), words(a.getEvidence()), List.copyOf(a.getTopicIds()),
                            a.getTurnStatus().name(), (long) a.getTurnVersion(), a.getSection().name(),
                            a.getAlertId(), a.getRulesId(), a.getRuleVersion(), a.getTitle()));
                }
            }
        }
        return new Table(columns, rows);
    }

    static Table firstMentions(BacktestReport report) {
        List<ExportColumn> columns = List.of(text("call_id"), text("topic_id"), text("topic"), integer("call_time_ms"),
                text("call_time"), integer("known_at_seq"), integer("turn_index"), text("speaker"), text("role"),
                list("evidence"));
        List<List<Object>> rows = new ArrayList<>();
        for (CallReport call : report.run().reports()) {
            for (FirstMention m : call.firstMentions()) {
                rows.add(values(call.callId(), m.topicId(), m.label(), m.callOffsetMs(),
                        CallTime.format(m.callOffsetMs()), m.knownAtSeq(), (long) m.turnIndex(),
                        Speakers.name(m.speaker()), m.speaker().getRole().name(), m.evidence()));
            }
        }
        return new Table(columns, rows);
    }

    /** One row per call; a column of alerts per rule of each rule set ({@code A:rule-id}), zeros included. */
    static Table counts(BacktestReport report) {
        List<ExportColumn> columns = new ArrayList<>(List.of(text("call_id"), text("file"), text("layout"),
                text("company"), text("company_source"), integer("lines"), integer("turns"),
                integer("executive_turns"), integer("analyst_turns"), integer("operator_turns"),
                integer("unknown_turns"), integer("exchanges"), integer("dead_letters"), integer("topics"),
                list("topic_ids")));
        for (RuleSet ruleSet : report.ruleSets()) {
            columns.add(integer("alerts_" + ruleSet.label()));
            BacktestReport.ruleIds(ruleSet).forEach(id -> columns.add(integer(ruleSet.label() + ":" + id)));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (CallReport call : report.run().reports()) {
            TreeSet<String> topics = new TreeSet<>();
            call.firstMentions().forEach(m -> topics.add(m.topicId()));
            Map<Role, Integer> roles = call.turnsByRole();
            List<Object> row = values(call.callId(), call.file().toString(), call.format(), call.company(),
                    call.companySource(), call.lines(), (long) call.turns(), (long) roles.get(Role.EXECUTIVE),
                    (long) roles.get(Role.ANALYST), (long) roles.get(Role.OPERATOR), (long) roles.get(Role.UNKNOWN),
                    (long) call.exchanges(), (long) call.deadLetters(), (long) topics.size(), List.copyOf(topics));
            for (RuleSet ruleSet : report.ruleSets()) {
                List<Alert> alerts = call.alerts(ruleSet.label());
                row.add((long) alerts.size());
                BacktestReport.ruleIds(ruleSet).forEach(id -> row.add(
                        alerts.stream().filter(a -> a.getRuleId().equals(id)).count()));
            }
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    static Table comparison(AlertComparison comparison) {
        List<ExportColumn> columns = List.of(text("call_id"), text("rule_id"), text("change"),
                integer("a_call_time_ms"), text("a_call_time"), integer("a_turn_index"), integer("b_call_time_ms"),
                text("b_call_time"), integer("b_turn_index"), integer("difference_ms"), text("difference"),
                text("severity"), text("speaker"), text("excerpt"));
        List<List<Object>> rows = new ArrayList<>();
        for (AlertComparison.Difference d : comparison.differences()) {
            Alert a = d.a();
            Alert b = d.b();
            Alert either = d.either();
            boolean both = a != null && b != null;
            rows.add(values(either.getCallId(), either.getRuleId(), d.kind().label(),
                    a == null ? null : a.getCallOffsetMs(), a == null ? null : CallTime.format(a.getCallOffsetMs()),
                    a == null ? null : (long) a.getTurnIndex(),
                    b == null ? null : b.getCallOffsetMs(), b == null ? null : CallTime.format(b.getCallOffsetMs()),
                    b == null ? null : (long) b.getTurnIndex(),
                    both ? d.differenceMs() : null, both ? CallTime.formatDifference(d.differenceMs()) : null,
                    either.getSeverity().name(), Speakers.name(either.getSpeaker()), either.getExcerpt()));
        }
        return new Table(columns, rows);
    }

    /** Files left out: twins of a call read from another file, files that could not be read, calls that failed. */
    static Table skipped(BacktestReport report) {
        List<ExportColumn> columns = List.of(text("file"), text("why"));
        List<List<Object>> rows = new ArrayList<>();
        report.corpus().twins().forEach(t -> rows.add(values(t.skipped().toString(),
                "same call as " + t.kept() + ", which was backtested")));
        report.corpus().skipped().forEach(s -> rows.add(values(s.file().toString(), s.reason())));
        report.run().failed().forEach(s -> rows.add(values(s.file().toString(), s.reason())));
        return new Table(columns, rows);
    }

    static void writeCsv(Path file, Table table) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(new CsvRowWriter(out), table);
        }
    }

    static void writeJsonLines(Path file, Table table) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(new JsonLinesRowWriter(out), table);
        }
    }

    private static void write(RowWriter writer, Table table) throws IOException {
        writer.header(table.columns());
        for (List<Object> row : table.rows()) {
            writer.row(row);
        }
        writer.finish();
    }

    private static List<String> words(List<Span> spans) {
        return spans.stream().map(Span::getText).toList();
    }

    /** A row's values, nulls allowed (List.of refuses them). */
    private static List<Object> values(Object... values) {
        List<Object> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(v);
        }
        return row;
    }

    private static ExportColumn text(String name) {
        return new ExportColumn(name, ExportColumn.Type.TEXT);
    }

    private static ExportColumn integer(String name) {
        return new ExportColumn(name, ExportColumn.Type.INTEGER);
    }

    private static ExportColumn list(String name) {
        return new ExportColumn(name, ExportColumn.Type.LIST);
    }
}
