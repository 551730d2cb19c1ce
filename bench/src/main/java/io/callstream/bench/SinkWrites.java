package io.callstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.schemas.AvroClassTrust;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.jdbc.CallStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Records and rows per second through {@link CallStore#write} (one transaction per batch, with the offsets, as the
 * store sink writes one poll) for batches of several sizes, into SQLite (a file in bench/target) and into
 * PostgreSQL (a schema of its own in the test database, dropped at the end; skipped if the server does not answer),
 * against a baseline measured in the same run on the same store: the rows CallStore writes at the largest batch
 * size, as plain JDBC batch INSERTs of their text into one keyless table, one transaction per batch. bench/run prints
 * the table this writes to standard output. The records are {@link SinkInput}'s: the Tesla call's real enriched
 * output, under {@code --copies} call ids.
 *
 * <p>A plain timed program rather than JMH: the cost is round trips and fsyncs, not compiled code, and each
 * iteration has to do a fixed piece of work from the same starting point (emptied tables, untimed) so that its rows
 * per second mean the same thing in every iteration; JMH's time-boxed iterations would write different amounts into
 * ever fuller tables. Every setting first runs once unmeasured (the JIT, the driver's statement cache, the database's
 * caches), which also sizes its iterations to about {@code --iteration-seconds}, in whole calls. Then the settings
 * take turns, one iteration each per round over {@code --rounds} rounds, so that a stall of a shared machine lands on
 * all of them alike rather than on whichever ran during it; the table gives each setting's median and range. The
 * baseline writes exactly the rows of the largest batch size's iteration and, being quicker, runs that iteration
 * several times per round. Each iteration's rows are counted by {@link StoreRows} and checked against the tables.
 *
 * <p>Options: {@code --copies N} (default 200: enough for the fastest setting to write
 * for about a second), {@code --batch-sizes 1,50,500,2000}, {@code --rounds N} (5),
 * {@code --iteration-seconds S} (1.0), {@code --sqlite PATH} (bench/target/sink-bench.db), {@code --postgres URL}
 * (jdbc:postgresql://127.0.0.1:5432/test?user=postgres, or {@code CALLSTREAM_BENCH_POSTGRES_URL}).
 */
public final class SinkWrites {

    private static final String CONSUMER = "callstream-sink";
    private static final String BASELINE_TABLE = "bench_baseline_rows";

    record Options(int copies, int[] batchSizes, int rounds, double iterationSeconds, Path sqlite, String postgres) {

        static Options parse(String[] args) {
            int copies = 200;
            int[] batchSizes = {1, 50, 500, 2000};
            int rounds = 5;
            double seconds = 1.0;
            Path sqlite = Path.of("bench/target/sink-bench.db");
            String postgres = System.getenv().getOrDefault("CALLSTREAM_BENCH_POSTGRES_URL",
                    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--copies" -> copies = Integer.parseInt(value);
                    case "--batch-sizes" -> batchSizes = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt)
                            .sorted().toArray();
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--iteration-seconds" -> seconds = Double.parseDouble(value);
                    case "--sqlite" -> sqlite = Path.of(value);
                    case "--postgres" -> postgres = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --copies,"
                            + " --batch-sizes, --rounds, --iteration-seconds, --sqlite, --postgres)");
                }
            }
            if (copies < 1 || rounds < 1 || batchSizes.length == 0 || batchSizes[0] < 1) {
                throw new IllegalArgumentException("--copies, --rounds and every batch size must be at least 1");
            }
            return new Options(copies, batchSizes, rounds, seconds, sqlite, postgres);
        }

        int largestBatch() {
            return batchSizes[batchSizes.length - 1];
        }
    }

    /** One batch as the sink hands it over: the records of one poll and the offsets after it. */
    private record Batch(List<SpecificRecord> records, Map<TopicPartition, Long> nextOffsets) {
    }

    /** One measured iteration. */
    private record Sample(long records, long rows, double seconds) {

        double recordsPerSecond() {
            return records / seconds;
        }

        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /** A row of the table: CallStore at a batch size, or the baseline ({@code baseline} true). */
    private static final class Setting {
        final int batchSize;
        final boolean baseline;
        int calls;
        /** Iterations per round: the baseline, quicker than CallStore on the same rows, runs several. */
        int repeats = 1;
        List<Batch> batches;
        List<StoreRows.Row> rows;
        StoreRows model;
        final List<Sample> samples = new ArrayList<>();

        Setting(int batchSize, boolean baseline) {
            this.batchSize = batchSize;
            this.baseline = baseline;
        }
    }

    private final Options options;
    private final SinkInput input;
    private final List<TopicPartition> partitions;

    private SinkWrites(Options options, SinkInput input) {
        this.options = options;
        this.input = input;
        TopicNames names = TopicNames.defaults();
        this.partitions = List.of(new TopicPartition(names.callEvents(), 0),
                new TopicPartition(names.enrichedTurns(), 0), new TopicPartition(names.qa(), 0),
                new TopicPartition(names.alerts(), 0));
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        AvroClassTrust.trustGeneratedClasses();
        System.err.printf("sink: enriching the Tesla call, %d copies ...%n", options.copies());
        long enrichStart = System.nanoTime();
        SinkInput input = SinkInput.of(TeslaCalls.load(), options.copies());
        System.err.printf(Locale.ROOT, "sink: %d records in %.1f s%n", input.records().size(),
                (System.nanoTime() - enrichStart) / 1e9);
        SinkWrites bench = new SinkWrites(options, input);
        Map<String, List<Setting>> results = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();

        String sqliteLabel = "SQLite";
        deleteSqlite(options.sqlite());
        try {
            Properties p = new Properties();
            // As CallStore.connectionProperties sets them, so the baseline writes under the same journal.
            p.setProperty("journal_mode", "WAL");
            p.setProperty("busy_timeout", "5000");
            results.put(sqliteLabel, bench.measure(sqliteLabel, "jdbc:sqlite:" + options.sqlite(), p,
                    "DELETE FROM "));
        } finally {
            deleteSqlite(options.sqlite());
        }

        String pgLabel = "PostgreSQL";
        String unreachable = unreachable(options.postgres());
        if (unreachable != null) {
            skipped.put(pgLabel, "PostgreSQL at " + options.postgres() + " " + unreachable + ": skipped");
            System.err.println("sink: " + skipped.get(pgLabel));
        } else {
            String schema = "callstream_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            onServer(options.postgres(), "CREATE SCHEMA " + schema);
            try {
                Properties p = new Properties();
                p.setProperty("reWriteBatchedInserts", "true"); // as CallStore.connectionProperties sets it
                results.put(pgLabel, bench.measure(pgLabel, withParameter(options.postgres(), "currentSchema=" + schema), p,
                        "TRUNCATE "));
            } finally {
                onServer(options.postgres(), "DROP SCHEMA " + schema + " CASCADE");
            }
        }
        bench.print(results, skipped);
    }

    private List<Setting> measure(String label, String url, Properties baselineProperties, String emptyTable)
            throws SQLException {
        List<Setting> settings = new ArrayList<>();
        for (int size : options.batchSizes()) {
            settings.add(new Setting(size, false));
        }
        settings.add(new Setting(options.largestBatch(), true));
        try (CallStore store = CallStore.open(url);
             Connection admin = DriverManager.getConnection(url, baselineProperties)) {
            admin.setAutoCommit(true);
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE TABLE " + BASELINE_TABLE + " (call_id TEXT NOT NULL, kind TEXT NOT NULL,"
                        + " a BIGINT NOT NULL, b BIGINT NOT NULL, payload TEXT NOT NULL)");
            }
            // Unmeasured: the first run of every setting, which sizes its iterations.
            // At least three full batches where the copies allow; the baseline writes what the largest batch does.
            int largestCalls = 0;
            for (Setting setting : settings) {
                int calls = setting.baseline ? largestCalls : Math.min(input.copies(),
                        Math.max(1, ceilDiv(3L * setting.batchSize, input.recordsPerCall())));
                prepare(setting, calls);
                empty(admin, emptyTable);
                double seconds = run(store, admin, setting);
                if (setting.baseline) {
                    setting.repeats = (int) Math.max(1, Math.min(10, Math.round(options.iterationSeconds() / seconds)));
                } else {
                    int sized = (int) Math.round(options.iterationSeconds() / (seconds / calls));
                    prepare(setting, Math.max(calls, Math.min(input.copies(), sized)));
                    largestCalls = setting.calls;
                }
                System.err.printf(Locale.ROOT, "sink: %s %s batch %d: warm-up %d calls in %.2f s; %d calls per"
                        + " iteration, %d per round%n", label, setting.baseline ? "baseline" : "CallStore",
                        setting.batchSize, calls, seconds, setting.calls, setting.repeats);
            }
            for (int round = 1; round <= options.rounds(); round++) {
                for (Setting setting : settings) {
                    for (int repeat = 0; repeat < setting.repeats; repeat++) {
                        empty(admin, emptyTable);
                        double seconds = run(store, admin, setting);
                        check(admin, setting);
                        long records = setting.batches.stream().mapToLong(b -> b.records.size()).sum();
                        setting.samples.add(new Sample(records, setting.rows.size(), seconds));
                    }
                }
                System.err.printf("sink: %s round %d of %d done%n", label, round, options.rounds());
            }
        }
        return settings;
    }

    /** Sets the work of one iteration: {@code calls} whole calls, in batches, and the rows they make. */
    private void prepare(Setting setting, int calls) {
        setting.calls = calls;
        List<SpecificRecord> records = input.calls(calls);
        // The baseline's rows too: those CallStore makes of the records at the baseline's (the largest) batch size.
        setting.model = StoreRows.of(records, setting.batchSize);
        setting.rows = setting.model.rows();
        if (setting.baseline) {
            setting.batches = List.of();
            return;
        }
        List<Batch> batches = new ArrayList<>();
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(tp -> positions.put(tp, 0L));
        for (int from = 0; from < records.size(); from += setting.batchSize) {
            List<SpecificRecord> batch = records.subList(from, Math.min(records.size(), from + setting.batchSize));
            for (SpecificRecord r : batch) {
                positions.merge(partitionOf(r), 1L, Long::sum);
            }
            batches.add(new Batch(batch, Map.copyOf(positions)));
        }
        setting.batches = batches;
    }

    private TopicPartition partitionOf(SpecificRecord r) {
        if (r instanceof CallEvent) {
            return partitions.get(0);
        } else if (r instanceof EnrichedTurn) {
            return partitions.get(1);
        } else if (r instanceof QaExchange) {
            return partitions.get(2);
        } else if (r instanceof Alert) {
            return partitions.get(3);
        }
        throw new IllegalArgumentException("not a record the sink reads: " + r.getClass());
    }

    /** One iteration of a setting; the seconds it took. */
    private double run(CallStore store, Connection admin, Setting setting) throws SQLException {
        long start = System.nanoTime();
        if (setting.baseline) {
            insertBaseline(admin, setting.rows, setting.batchSize);
        } else {
            for (Batch b : setting.batches) {
                List<CallStore.Refusal> refused = store.write(b.records(), CONSUMER, b.nextOffsets());
                if (!refused.isEmpty()) {
                    throw new IllegalStateException("the store refused " + refused.size() + " records, first: "
                            + refused.get(0).reason());
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The baseline: the same rows' text, plain INSERTs into a table without key or index, no offsets. */
    private static void insertBaseline(Connection c, List<StoreRows.Row> rows, int batchSize) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + BASELINE_TABLE
                + " (call_id, kind, a, b, payload) VALUES (?, ?, ?, ?, ?)")) {
            for (int from = 0; from < rows.size(); from += batchSize) {
                for (StoreRows.Row row : rows.subList(from, Math.min(rows.size(), from + batchSize))) {
                    insert.setString(1, row.callId());
                    insert.setString(2, row.table());
                    insert.setLong(3, row.a());
                    insert.setLong(4, row.b());
                    insert.setString(5, row.payload());
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Fails the run unless the tables hold what the model says the iteration wrote: it would have measured less. */
    private static void check(Connection admin, Setting setting) throws SQLException {
        Map<String, Long> expected = new LinkedHashMap<>();
        if (setting.baseline) {
            expected.put(BASELINE_TABLE, (long) setting.rows.size());
        } else {
            expected.putAll(setting.model.expectedCounts());
        }
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            long actual = count(admin, e.getKey());
            if (actual != e.getValue()) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "batch %d%s: %s holds %d rows, expected %d", setting.batchSize,
                        setting.baseline ? " baseline" : "", e.getKey(), actual, e.getValue()));
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void empty(Connection admin, String emptyTable) throws SQLException {
        try (Statement s = admin.createStatement()) {
            for (String table : StoreRows.TABLES) {
                s.execute(emptyTable + table);
            }
            s.execute(emptyTable + "sink_offsets");
            s.execute(emptyTable + BASELINE_TABLE);
        }
    }

    private void print(Map<String, List<Setting>> results, Map<String, String> skipped) {
        long lines = input.linesPerCall();
        System.out.printf(Locale.ROOT, "%nsink: CallStore.write, one transaction per batch with its offsets, of the"
                        + " Tesla call's enriched output under %d call ids%n"
                        + "  per call %d records: %d EnrichedTurn snapshots (PARTIALs included), %d QaExchange"
                        + " versions, %d Alerts, %d CallStarted/CallEnded (its %d TranscriptLines left out: CallStore"
                        + " skips them)%n"
                        + "  records/s: records handed to write(); rows/s: rows inserted or updated in calls, turns,"
                        + " turn_topics, turn_numbers, exchanges and alerts (not sink_offsets, not the deleted topics and"
                        + " numbers of superseded turn versions); a batch writes only each turn's and exchange's newest"
                        + " version, so larger batches write fewer rows per record (rows/rec)%n"
                        + "  baseline: the rows CallStore writes at batch %d, their text as plain INSERTs into one keyless"
                        + " table, %d rows per transaction (no upsert, no version check, no offsets), same store;"
                        + " ratio = CallStore rows/s / baseline rows/s%n"
                        + "  every iteration from empty tables; median [min - max] over %d rounds of one iteration"
                        + " per setting (the baseline, quicker, several per round)%n",
                input.copies(), input.recordsPerCall(), input.count(EnrichedTurn.class), input.count(QaExchange.class),
                input.count(Alert.class), input.count(CallEvent.class), lines, options.largestBatch(),
                options.largestBatch(), options.rounds());
        System.out.printf("%-11s %-9s %5s %9s %9s %-19s %8s %9s %-19s %7s%n", "store", "writer", "batch", "calls/it",
                "records/s", "  [min - max]", "rows/rec", "rows/s", "  [min - max]", "ratio");
        for (Map.Entry<String, List<Setting>> store : results.entrySet()) {
            Setting baseline = store.getValue().stream().filter(s -> s.baseline).findFirst().orElseThrow();
            double baselineRows = median(baseline.samples, Sample::rowsPerSecond);
            for (Setting s : store.getValue()) {
                double rowsMedian = median(s.samples, Sample::rowsPerSecond);
                String records = s.baseline ? String.format("%9s %-19s", "-", "")
                        : String.format(Locale.ROOT, "%9.0f %-19s", median(s.samples, Sample::recordsPerSecond),
                        range(s.samples, Sample::recordsPerSecond));
                String perRecord = s.baseline ? "-" : String.format(Locale.ROOT, "%.3f",
                        s.rows.size() / (double) s.samples.get(0).records());
                System.out.printf(Locale.ROOT, "%-11s %-9s %5d %9d %s %8s %9.0f %-19s %7.3f%n", store.getKey(),
                        s.baseline ? "baseline" : "CallStore", s.batchSize, s.calls, records, perRecord, rowsMedian,
                        range(s.samples, Sample::rowsPerSecond), rowsMedian / baselineRows);
            }
        }
        skipped.values().forEach(System.out::println);
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> f) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String range(List<Sample> samples, ToDoubleFunction<Sample> f) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        return String.format(Locale.ROOT, "  [%.0f - %.0f]", v[0], v[v.length - 1]);
    }

    private static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }

    /** Why the server cannot be used, or null where it answers. */
    private static String unreachable(String url) {
        try (Connection c = DriverManager.getConnection(withParameter(url, "connectTimeout=3"))) {
            return c.isValid(3) ? null : "does not answer";
        } catch (SQLException e) {
            return "is unreachable (" + e.getMessage() + ")";
        }
    }

    private static String withParameter(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    private static void onServer(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void deleteSqlite(Path db) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
    }
}
