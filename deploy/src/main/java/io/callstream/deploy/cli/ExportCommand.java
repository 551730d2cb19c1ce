package io.callstream.deploy.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

import io.callstream.sink.export.ExportFormat;
import io.callstream.sink.export.ExportQuery;
import io.callstream.sink.export.StoreReader;
import io.callstream.sink.jdbc.StoreErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export one call from the store as CSV or JSON Lines.",
                "For analysts and backtests: the transcript (one row per turn, in order), or its topics, numbers, "
                        + "exchanges, alerts or topic timeline, from the store 'callstream sink' or 'demo' filled."})
final class ExportCommand implements Callable<Integer> {

    /** Calls named when the one asked for is not in the store: enough to spot a typo, few enough for one line. */
    private static final int CALLS_NAMED = 5;

    @Spec
    private CommandSpec spec;

    @Option(names = "--call", required = true, paramLabel = "ID", description = "The call's id, e.g. tesla-2016-q4.")
    private String callId;

    @Option(names = "--format", required = true, paramLabel = "csv|jsonl", converter = FormatConverter.class,
            description = {"csv: RFC 4180, a header row, CRLF line ends, lists ';'-joined.",
                    "jsonl: one JSON object a line, numbers as numbers, JSON columns nested.",
                    "Parquet is not offered: SQLite gives no Parquet writer short of heavy extra dependencies; "
                            + "DuckDB or pandas turn the CSV into Parquet in one line."})
    private ExportFormat format;

    @Option(names = "--store", defaultValue = SinkCommand.DEFAULT_STORE, paramLabel = "JDBC_URL",
            description = "The store to read, as 'sink --store' takes it; only read, never created or migrated "
                    + "(default: ${DEFAULT-VALUE}; the demo's: jdbc:sqlite:callstream-demo.db).")
    private String store;

    @Option(names = "--what", defaultValue = "transcript", paramLabel = "EXPORT", converter = WhatConverter.class,
            description = "transcript (default): one row per turn; topics: one per topic of a turn; numbers: one per "
                    + "number read; exchanges: one per question and answers; alerts: in call time; timeline: "
                    + "turns per topic per minute of the call.")
    private ExportQuery what;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to this file (replaced) instead of stdout.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path folder = out == null ? null : out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            return fail(err, "cannot write " + out + ": the folder " + folder + " does not exist.");
        }
        StoreReader reader;
        try {
            reader = StoreReader.open(store);
        } catch (NoSuchFileException e) {
            return fail(err, "no store at " + e.getFile() + ": the file does not exist; check --store ("
                    + "'callstream sink' and 'callstream demo' create one).");
        } catch (SQLException e) {
            return fail(err, "cannot open the store " + SinkCommand.redacted(store) + " ("
                    + SinkCommand.redacted(StoreErrors.reason(e)) + "); check that the database is running and "
                    + "reachable at that address and that the user, password and database in the URL exist.");
        }
        try (reader) {
            if (!reader.holds(callId)) {
                return fail(err, "the store " + SinkCommand.redacted(store) + " has no call '" + callId + "'; "
                        + callsHeld(reader.someCalls(CALLS_NAMED + 1)));
            }
            long rows = out == null ? toStdout(reader) : toFile(reader);
            if (out != null) {
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.printf("callstream export: %d %s rows of %s written to %s%n", rows, what.cliName(), callId, out);
                stdout.flush();
            }
            return 0;
        } catch (SQLException e) {
            return fail(err, "cannot read the store " + SinkCommand.redacted(store) + " ("
                    + SinkCommand.redacted(StoreErrors.reason(e)) + "); is it a callstream store? 'callstream sink' "
                    + "creates one, and migrates an older one to the current schema.");
        }
    }

    private long toStdout(StoreReader reader) throws SQLException, IOException {
        return reader.export(what, callId, format.writer(spec.commandLine().getOut()));
    }

    /** Through a file beside the target, moved into place at the end: a failed export leaves no half file. */
    private long toFile(StoreReader reader) throws SQLException, IOException {
        Path target = out.toAbsolutePath();
        // Not Files.createTempFile: its owner-only permissions would carry over to the export.
        Path partial = target.resolveSibling(
                "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        try {
            long rows;
            try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                rows = reader.export(what, callId, format.writer(w));
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return rows;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String callsHeld(List<String> calls) {
        if (calls.isEmpty()) {
            return "it holds no calls yet.";
        }
        String named = String.join(", ", calls.subList(0, Math.min(CALLS_NAMED, calls.size())));
        return "it holds " + named + (calls.size() > CALLS_NAMED ? " and more." : ".");
    }

    private static int fail(PrintWriter err, String message) {
        err.println("callstream export: " + message);
        err.flush();
        return 1;
    }

    static final class FormatConverter implements ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            try {
                return ExportFormat.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class WhatConverter implements ITypeConverter<ExportQuery> {
        @Override
        public ExportQuery convert(String value) {
            try {
                return ExportQuery.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
