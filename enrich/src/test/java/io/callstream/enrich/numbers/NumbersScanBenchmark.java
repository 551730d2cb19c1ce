package io.callstream.enrich.numbers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Not a test (surefire does not pick it up by name): times the number readers over the shared corpus, each turn read
 * line by line as TagTurns reads it (a PARTIAL snapshot per line, then the FINAL one, the same text again). Run with
 * {@code mvn -pl schemas,ingest,enrich test -Dtest=NumbersScanBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dbench.txt=true} reads only the transcripts ({@code *.txt}), as the backtest does.
 */
class NumbersScanBenchmark {

    /** The same, from a plain {@code java} command (for a profiler): {@code -Dbench.rounds}, {@code -Dbench.files}. */
    public static void main(String[] args) {
        new NumbersScanBenchmark().timesGrowingAndWholeReadsOverTheSharedCorpus();
    }

    @Test
    void timesGrowingAndWholeReadsOverTheSharedCorpus() {
        List<Path> files = Boolean.getBoolean("bench.txt") ? TranscriptTurns.sharedCalls()
                : TranscriptTurns.sharedCallFiles();
        files = files.subList(0, Math.min(files.size(), Integer.getInteger("bench.files", files.size())));
        assumeTrue(!files.isEmpty(), "no shared data");
        List<List<String>> turns = new ArrayList<>();
        long lines = 0;
        for (Path file : files) {
            for (List<String> lineList : TranscriptTurns.turnLines(file)) {
                List<String> prefixes = new ArrayList<>();
                String text = "";
                for (String line : lineList) {
                    text = TranscriptTurns.append(text, line);
                    prefixes.add(text);
                }
                turns.add(prefixes);
                lines += prefixes.size();
            }
        }
        int rounds = Integer.getInteger("bench.rounds", 5);
        for (int round = 0; round < rounds; round++) {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long sink = 0;
            for (List<String> prefixes : turns) {
                GrowingTurnNumbers growing = new GrowingTurnNumbers();
                for (String prefix : prefixes) {
                    sink += growing.read(prefix).numbers().size();
                }
                sink += growing.read(prefixes.get(prefixes.size() - 1)).numbers().size(); // the FINAL snapshot
            }
            long growingNanos = System.nanoTime() - start;
            long growingCpu = threads.getCurrentThreadCpuTime() - cpu;
            cpu = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            NumberExtractor extractor = new NumberExtractor();
            for (List<String> prefixes : turns) {
                String whole = prefixes.get(prefixes.size() - 1);
                sink += extractor.find(whole).size();
                sink += ForwardLooking.find(whole).isPresent() ? 1 : 0;
            }
            long wholeNanos = System.nanoTime() - start;
            long wholeCpu = threads.getCurrentThreadCpuTime() - cpu;
            System.out.printf("round %d: %d turns, %d lines; growing reads %d ms wall, %d ms CPU (%.1f us CPU/line,"
                            + " %.0f lines/CPU-s); whole reads of each turn once %d ms wall, %d ms CPU"
                            + " (%.1f us CPU/line) [%d]%n", round, turns.size(), lines,
                    growingNanos / 1_000_000, growingCpu / 1_000_000, growingCpu / 1e3 / lines,
                    lines * 1e9 / growingCpu, wholeNanos / 1_000_000, wholeCpu / 1_000_000, wholeCpu / 1e3 / lines,
                    sink);
        }
    }
}
