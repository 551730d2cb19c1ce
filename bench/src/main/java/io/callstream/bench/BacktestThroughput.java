package io.callstream.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.callstream.backtest.Backtest;
import io.callstream.backtest.Corpus;
import io.callstream.backtest.CorpusCall;
import io.callstream.backtest.CorpusFiles;
import io.callstream.backtest.CorpusReader;
import io.callstream.backtest.RuleSet;
import io.callstream.enrich.EnrichOptions;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.schemas.AvroClassTrust;

/**
 * Lines per second through {@code callstream backtest}'s engine ({@link Backtest}: enrich's processors on in-memory
 * state) over the whole shared corpus, then over the corpus repeated to about {@code --calls} calls (each file read
 * again under a new call id), to show whether the cost per line stays flat as the corpus grows. Two baselines,
 * measured in the same run: parsing the same files alone, no enrich; and the corpus backtested on the enrich topology
 * in TopologyTestDriver (one reused per worker), the engine backtests ran on before.
 * Wall-clock rates and rates per CPU-second of the whole process (which other work on a shared machine does not
 * inflate) are both given, with the collectors' pause time.
 *
 * <p>A plain program rather than JMH: one backtest of a thousand calls is the measurement, minutes long, and
 * repeating it in JMH iterations would not tell more. A short backtest first warms the JIT, then the long run goes
 * before the short one, so that compilation still going on in the first minute is not charged to the short run. bench/run prints the table this writes to standard output; progress goes to stderr.
 */
public final class BacktestThroughput {

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private record Measured(String what, int calls, long lines, double wallSeconds, double cpuSeconds,
                            double gcSeconds, int drivers) {
        double perSecond() {
            return lines / wallSeconds;
        }

        double perCpuSecond() {
            return lines / cpuSeconds;
        }
    }

    private final PrintStream out;
    private final PrintStream progress;

    private BacktestThroughput(PrintStream out, PrintStream progress) {
        this.out = out;
        this.progress = progress;
    }

    public static void main(String[] args) throws Exception {
        AvroClassTrust.trustGeneratedClasses();
        Path data = Path.of(System.getenv().getOrDefault("CALLSTREAM_SHARED_DIR", "../shared"), "data");
        int calls = 1000;
        int jobs = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; takes --data DIR, --calls N (default 1000), --jobs N (default: processors)");
            }
        }
        if (!Files.isDirectory(data)) {
            System.out.println("backtest: " + data + " is absent (set CALLSTREAM_SHARED_DIR): nothing to measure");
            return;
        }
        new BacktestThroughput(System.out, System.err).run(data, calls, jobs);
    }

    private void run(Path data, int wantedCalls, int jobs) throws Exception {
        CorpusFiles files = CorpusFiles.find(data);
        RuleSet rules = new RuleSet("A", EnrichOptions.defaults());
        int copies = Math.max(1, Math.round((float) wantedCalls / Math.max(1, files.files().size())));

        // Read once unmeasured, so that the measured parse, like the backtests, runs on compiled code.
        Corpus corpus = new CorpusReader(null).read(files);
        progress.printf("Read %d calls (%d lines); %d twins left out, %d skipped.%n", corpus.calls().size(),
                corpus.lines(), files.twins().size(), corpus.skipped().size());
        long cpu = processNanos();
        long wall = System.nanoTime();
        long gcStart = gcNanos();
        new CorpusReader(null).read(files);
        Measured parseCorpus = measured("parse only, the corpus", corpus.calls(), wall, cpu, gcStart, 0);
        cpu = processNanos();
        wall = System.nanoTime();
        long gc = gcNanos();
        List<CorpusCall> repeated = repeat(corpus.calls(), copies);
        Measured parseRepeated = measured("parse only, corpus x" + copies + " (new ids)", repeated, wall, cpu, gc, 0);

        // The long run first: the JIT is still finishing its work during the first minute, which the long run
        // amortises and the short run, second, then does not pay.
        warmUp(corpus.calls(), rules, jobs);
        Measured backtestRepeated = backtest("in-memory engine, corpus x" + copies, repeated, rules, jobs,
                Backtest.Engine.IN_MEMORY);
        repeated = null; // its events are no longer needed; let them go before the next run
        Measured backtestCorpus = backtest("in-memory engine, the corpus", corpus.calls(), rules, jobs,
                Backtest.Engine.IN_MEMORY);
        // The baseline: the same processors as the live topology in TopologyTestDriver (serdes, RocksDB, commits).
        Measured driverCorpus = backtest("TopologyTestDriver, the corpus", corpus.calls(), rules, jobs,
                Backtest.Engine.TOPOLOGY_TEST_DRIVER);
        // Between the two: what RocksDB (flushes and checkpoints at every commit) costs the driver.
        Measured memoryStores = backtest("TTD in-memory stores, the corpus", corpus.calls(), rules, jobs,
                Backtest.Engine.TOPOLOGY_TEST_DRIVER_IN_MEMORY_STORES);

        out.printf(Locale.ROOT, "%nbacktest over %s: %d calls (%d twin files left out), rules %s, %d worker(s) on %d "
                        + "processor(s)%n", data, corpus.calls().size(), files.twins().size(), rules.describe(), jobs,
                Runtime.getRuntime().availableProcessors());
        out.printf("%-36s %7s %9s %9s %10s %12s %9s %8s%n", "what", "calls", "lines", "wall s", "lines/s",
                "lines/CPU-s", "GC pause s", "drivers");
        for (Measured m : List.of(parseCorpus, backtestCorpus, memoryStores, driverCorpus, parseRepeated,
                backtestRepeated)) {
            out.printf(Locale.ROOT, "%-36s %7d %9d %9.1f %10.0f %12.0f %9.1f %8s%n", m.what(), m.calls(), m.lines(),
                    m.wallSeconds(), m.perSecond(), m.perCpuSecond(), m.gcSeconds(),
                    m.drivers() == 0 ? "-" : m.drivers());
        }
        out.printf(Locale.ROOT, "%-36s %.4f (corpus), %.4f (x%d)%n", "ratio backtest / parse, lines/s",
                backtestCorpus.perSecond() / parseCorpus.perSecond(),
                backtestRepeated.perSecond() / parseRepeated.perSecond(), copies);
        out.printf(Locale.ROOT, "%-36s wall %.3f, CPU %.3f%n", "TTD in-memory stores / RocksDB, lines/s",
                memoryStores.perSecond() / driverCorpus.perSecond(),
                memoryStores.perCpuSecond() / driverCorpus.perCpuSecond());
        out.printf(Locale.ROOT, "%-36s wall %.3f, CPU %.3f%n", "in-memory / TopologyTestDriver, lines/s",
                backtestCorpus.perSecond() / driverCorpus.perSecond(),
                backtestCorpus.perCpuSecond() / driverCorpus.perCpuSecond());
        out.printf(Locale.ROOT, "%-36s wall %.3f, CPU %.3f (1.000: cost grows linearly with the corpus)%n",
                "cost per line, x" + copies + " / corpus",
                backtestCorpus.perSecond() / backtestRepeated.perSecond(),
                backtestCorpus.perCpuSecond() / backtestRepeated.perCpuSecond());
    }

    /** Every call's file read again {@code copies} times, each copy under call ids of its own (the id + "-rN"). */
    private static List<CorpusCall> repeat(List<CorpusCall> corpus, int copies) throws IOException {
        CallFileReader reader = new CallFileReader(TranscriptFormats.all(), null);
        List<CorpusCall> calls = new ArrayList<>();
        for (int copy = 1; copy <= copies; copy++) {
            for (CorpusCall call : corpus) {
                Path file = call.file();
                CallOverrides renamed = new CallOverrides(call.callId() + "-r" + copy, null, null, null, null);
                reader.read(Files.readAllBytes(file), file.toString(), "file:" + file.getFileName(), renamed).calls()
                        .forEach(c -> calls.add(new CorpusCall(file, c)));
            }
        }
        return calls;
    }

    /** A short backtest first, not measured, so that neither measured run pays for the JIT alone. */
    private void warmUp(List<CorpusCall> calls, RuleSet rules, int jobs) throws InterruptedException {
        List<CorpusCall> few = calls.subList(0, Math.min(calls.size(), 2 * jobs));
        progress.printf("Warming up on %d calls...%n", few.size());
        new Backtest(List.of(rules), jobs).run(few, (call, ok) -> { });
    }

    private Measured backtest(String what, List<CorpusCall> calls, RuleSet rules, int jobs, Backtest.Engine engine)
            throws InterruptedException {
        long lines = calls.stream().mapToLong(c -> c.call().lines()).sum();
        progress.printf("%s: %d calls, %d lines%n", what, calls.size(), lines);
        long cpu = processNanos();
        long wall = System.nanoTime();
        long gc = gcNanos();
        int[] done = {0};
        long[] linesDone = {0};
        Backtest.Run run = new Backtest(List.of(rules), jobs, engine, Integer.MAX_VALUE).run(calls, (call, ok) -> {
            done[0]++;
            linesDone[0] += call.call().lines();
            if (done[0] % Math.max(1, calls.size() / 10) == 0 || done[0] == calls.size()) {
                double seconds = (System.nanoTime() - wall) / 1e9;
                progress.printf(Locale.ROOT, "  %d/%d calls, %d lines, %.0f lines/s%n", done[0], calls.size(),
                        linesDone[0], linesDone[0] / seconds);
            }
        });
        if (!run.failed().isEmpty()) {
            throw new IllegalStateException("calls failed: " + run.failed());
        }
        return measured(what, calls, wall, cpu, gc, run.driversStarted());
    }

    private static Measured measured(String what, List<CorpusCall> calls, long wallStart, long cpuStart, long gcStart,
                                     int drivers) {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (processNanos() - cpuStart) / 1e9;
        double gc = (gcNanos() - gcStart) / 1e9;
        return new Measured(what, calls.size(), calls.stream().mapToLong(c -> c.call().lines()).sum(), wall, cpu, gc,
                drivers);
    }

    /** Time the collectors report, pauses mostly: whether a larger corpus in memory costs more than its lines. */
    private static long gcNanos() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum() * 1_000_000L;
    }

    private static long processNanos() {
        return PROCESS.getProcessCpuTime();
    }
}
