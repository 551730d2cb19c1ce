package io.callstream.deploy.cli;

import io.callstream.enrich.tags.learned.DiskCachedEmbedder;
import io.callstream.enrich.tags.learned.MiniLmSentenceEmbedder;
import io.callstream.enrich.tags.learned.SentenceEmbedder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.callstream.backtest.Backtest;
import io.callstream.backtest.BacktestReport;
import io.callstream.backtest.Corpus;
import io.callstream.backtest.CorpusFiles;
import io.callstream.backtest.CorpusReader;
import io.callstream.backtest.ReportWriter;
import io.callstream.backtest.RuleSet;
import io.callstream.backtest.TaggerWarmUp;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.alerts.AlertRules;
import io.callstream.enrich.alerts.RulesFileException;
import io.callstream.enrich.tags.TaxonomyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs a corpus of past calls through the enrich topology in this process and reports what fired, when in call
 * time, and how a second rule set differs. The topology is the one {@code enrich} runs, on Kafka Streams' own
 * TopologyTestDriver (see {@link io.callstream.backtest.inprocess.InProcessEnrich}); calls run in parallel, one driver
 * per worker thread.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Backtest alert rules over a corpus of past calls.",
                "Runs every call through enrich's processors on the in-memory backtest engine and reports the "
                        + "alerts, when they fired "
                        + "(call time), the first mention of each topic, and how a second rule set differs.",
                "The corpus is a folder searched recursively for transcripts in any layout 'ingest file' reads; of "
                        + "files that hold the same call (X.txt and X.segments.tsv) the .txt is taken."},
        footer = {"", "Writes to --out: alerts.csv, alerts.jsonl, first-mentions.csv, counts.csv, compare.csv (with "
                + "--compare), skipped.csv (when files were left out) and report.html.",
                "Exit codes: 0 the report is written (files that cannot be read are skipped, listed and counted); "
                        + "2 a bad option, corpus, rules or taxonomy file (the message says which and what to do); "
                        + "1 anything else."})
final class BacktestCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Option(names = "--corpus", required = true, paramLabel = "DIR",
            description = "The folder of transcripts to backtest (searched recursively).")
    private Path corpus;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The folder to write the report to (created if absent; the report's files are replaced).")
    private Path out;

    @Option(names = "--compare", paramLabel = "B.yaml",
            description = "A second alert rules file, run over the same corpus and compared with --rules (A).")
    private Path compare;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Calls run at once, each worker with its own engine per rule set (default: the number of "
                    + "processors).")
    private Integer jobs;

    @Option(names = "--format", paramLabel = "NAME",
            description = "Read every file as this layout instead of detecting it (see 'ingest file --help').")
    private String format;

    @Mixin
    private EnrichFilesOptions enrichFiles;

    @Option(names = "--embedding-cache", paramLabel = "FILE|none",
            description = "Where the learned tier keeps its sentence embeddings between runs, so that a backtest run "
                    + "again over the same corpus embeds nothing (default: ~/.cache/callstream/"
                    + "sentence-embeddings.bin, or under XDG_CACHE_HOME; 'none' keeps nothing). Runs at once share it.")
    private String embeddingCache;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        int workers = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (workers < 1) {
            return refuse(err, "--jobs " + jobs + " must be at least 1.");
        }
        Path cacheFile = embeddingCacheFile();
        if (cacheFile == null) {
            return call(workers, MiniLmSentenceEmbedder.shared(), stdout, err);
        }
        try (DiskCachedEmbedder cache = DiskCachedEmbedder.of(MiniLmSentenceEmbedder.shared(), cacheFile)) {
            int exit = call(workers, cache, stdout, err);
            int[] counts = cache.counts();
            if (counts[0] > 0 || counts[1] > 0) {
                stdout.printf("Sentence embeddings: %,d kept from earlier runs, %,d added (%s).%n", counts[0],
                        counts[1], cacheFile);
            }
            stdout.flush();
            err.flush();
            return exit;
        }
    }

    private int call(int workers, SentenceEmbedder embedder, PrintWriter stdout, PrintWriter err) throws Exception {
        List<RuleSet> ruleSets;
        try {
            ruleSets = ruleSets(embedder);
        } catch (RulesFileException | TaxonomyException e) {
            return refuse(err, e.getMessage() + " (fix the file; 'callstream backtest --help' says where the formats "
                    + "are described)");
        } catch (IOException e) {
            return refuse(err, "cannot read a taxonomy file: " + e.getMessage());
        }
        if (!Files.exists(corpus)) {
            return refuse(err, "--corpus " + corpus + " does not exist: give the folder that holds the calls' "
                    + "transcripts (searched recursively, in any layout 'ingest file' reads).");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return refuse(err, "--out " + out + " is a file: give a folder for the report (it is created if absent).");
        }
        // The tagger is built while the corpus is read, not by the workers once the clock runs.
        try (TaggerWarmUp warmUp = TaggerWarmUp.start(ruleSets)) {
            return readRunAndReport(ruleSets, workers, stdout, err);
        }
    }

    private int readRunAndReport(List<RuleSet> ruleSets, int workers, PrintWriter stdout, PrintWriter err)
            throws InterruptedException {
        Corpus read;
        long readStart = System.nanoTime();
        try {
            CorpusFiles files = CorpusFiles.find(corpus);
            if (files.files().isEmpty()) {
                return refuse(err, corpus + " holds no transcripts (looked below it for .txt, .tsv, .jsonl, "
                        + ".ndjson and .json files).");
            }
            read = new CorpusReader(format, workers).read(files);
        } catch (IllegalArgumentException e) {
            return refuse(err, e.getMessage());
        }
        BacktestSummary summary = new BacktestSummary(stdout);
        summary.corpusRead(read, (System.nanoTime() - readStart) / 1e9);
        read.skipped().forEach(s -> err.println("callstream backtest: skipped " + s.file() + ": " + s.reason()));
        err.flush();
        if (read.calls().isEmpty()) {
            return refuse(err, "no call in " + corpus + " could be read; the reasons are above.");
        }

        Backtest backtest = new Backtest(ruleSets, workers);
        summary.starting(read, ruleSets, workers);
        Backtest.Run run;
        int total = read.calls().size();
        try (ReplayProgress progress = new ReplayProgress("Backtest", read.lines(), ReplayProgress.onTerminal(), err)) {
            int[] done = {0};
            run = backtest.run(read.calls(), (call, succeeded) -> {
                done[0]++;
                double seconds = Math.max(1e-3, progress.elapsed().toNanos() / 1e9);
                progress.step(call.call().lines(), String.format("%d/%d calls, %.1f calls/s", done[0], total,
                        done[0] / seconds));
            });
        }
        BacktestReport report = BacktestReport.of(read, ruleSets, run);
        List<Path> written;
        try {
            written = ReportWriter.write(out, report);
        } catch (IOException e) {
            err.println("callstream backtest: cannot write the report to " + out + " (" + e + "); give --out a "
                    + "folder this user can write to.");
            return 1;
        }
        summary.finished(report, written);
        return 0;
    }

    /** A (--rules, or the shipped rules) and, with --compare, B: the same taxonomies, another rules file. */
    private Path embeddingCacheFile() {
        if ("none".equals(embeddingCache)) {
            return null;
        }
        if (embeddingCache != null) {
            return Path.of(embeddingCache);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("callstream").resolve("sentence-embeddings.bin");
    }

    private List<RuleSet> ruleSets(SentenceEmbedder embedder) throws IOException {
        EnrichOptions a = enrichFiles.load(EnrichOptions.defaultsWithoutLearnedTier(), embedder);
        List<RuleSet> sets = new ArrayList<>(List.of(new RuleSet("A", a)));
        if (compare != null) {
            AlertRules rulesB = AlertRules.load(compare, EnrichOptions.topicIds(a.taxonomies()));
            sets.add(new RuleSet("B", new EnrichOptions(a.bounds(), a.taxonomies(), rulesB, a.clock(),
                    a.learned())));
        }
        return sets;
    }

    private static int refuse(PrintWriter err, String message) {
        err.println("callstream backtest: " + message);
        err.flush();
        return BAD_INPUT;
    }
}
