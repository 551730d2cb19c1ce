package io.callstream.backtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a backtest's files to a folder: alerts.csv and alerts.jsonl, first-mentions.csv, counts.csv, compare.csv
 * (with two rule sets), skipped.csv (when something was left out) and report.html. Files of an earlier run in the
 * folder are replaced; a compare.csv or skipped.csv this run does not write is removed, so the folder never mixes
 * two runs.
 */
public final class ReportWriter {

    public static final String ALERTS_CSV = "alerts.csv";
    public static final String ALERTS_JSONL = "alerts.jsonl";
    public static final String FIRST_MENTIONS_CSV = "first-mentions.csv";
    public static final String COUNTS_CSV = "counts.csv";
    public static final String COMPARE_CSV = "compare.csv";
    public static final String SKIPPED_CSV = "skipped.csv";
    public static final String REPORT_HTML = "report.html";

    private ReportWriter() {
    }

    /** @return the files written, in the order above */
    public static List<Path> write(Path folder, BacktestReport report) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        ReportTables.Table alerts = ReportTables.alerts(report);
        ReportTables.writeCsv(add(written, folder, ALERTS_CSV), alerts);
        ReportTables.writeJsonLines(add(written, folder, ALERTS_JSONL), alerts);
        ReportTables.writeCsv(add(written, folder, FIRST_MENTIONS_CSV), ReportTables.firstMentions(report));
        ReportTables.writeCsv(add(written, folder, COUNTS_CSV), ReportTables.counts(report));
        if (report.comparison() != null) {
            ReportTables.writeCsv(add(written, folder, COMPARE_CSV), ReportTables.comparison(report.comparison()));
        } else {
            Files.deleteIfExists(folder.resolve(COMPARE_CSV));
        }
        ReportTables.Table skipped = ReportTables.skipped(report);
        if (!skipped.rows().isEmpty()) {
            ReportTables.writeCsv(add(written, folder, SKIPPED_CSV), skipped);
        } else {
            Files.deleteIfExists(folder.resolve(SKIPPED_CSV));
        }
        Files.writeString(add(written, folder, REPORT_HTML), ReportPage.render(report), StandardCharsets.UTF_8);
        return written;
    }

    private static Path add(List<Path> written, Path folder, String name) {
        Path file = folder.resolve(name);
        written.add(file);
        return file;
    }
}
