package io.callstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.callstream.avro.CallEvent;
import io.callstream.backtest.CorpusCall;
import io.callstream.backtest.CorpusFiles;
import io.callstream.backtest.CorpusReader;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.replay.InMemoryEnrich;
import io.callstream.schemas.AvroClassTrust;

/**
 * CPU microseconds per line of real calls: every call of the shared corpus as its files give it (a line is a
 * paragraph of the {@code .txt} files, a sentence of the segments files read in their place where there is no text
 * twin), run through the backtest engine on one thread, round after round, the outputs tallied as the backtest reads
 * them. This thread's CPU time, which other work on the machine inflates far less than the wall clock, so a
 * change to enrich can be measured to a few per cent while the machine is busy; run it on the JVM options of interest
 * ({@code bench/run sweep} runs it on those the launcher gives backtests). The sweep's lines are sentences, a few
 * times shorter than a paragraph: compare costs per character, not per line.
 *
 * <p>Usage: {@code CorpusLineCost [--data DIR] [--rounds N]} (default 5 rounds).
 */
public final class CorpusLineCost {

    private CorpusLineCost() {
    }

    public static void main(String[] args) throws Exception {
        AvroClassTrust.trustGeneratedClasses();
        Path data = Path.of(System.getenv().getOrDefault("CALLSTREAM_SHARED_DIR", "../shared"), "data");
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; takes --data DIR, --rounds N");
            }
        }
        if (!Files.isDirectory(data)) {
            System.out.println("corpus line cost: " + data + " is absent (set CALLSTREAM_SHARED_DIR): nothing to measure");
            return;
        }
        List<CorpusCall> calls = new CorpusReader(null).read(CorpusFiles.find(data)).calls();
        long lines = 0;
        long chars = 0;
        for (CorpusCall call : calls) {
            for (CallEvent event : call.call().events()) {
                if (event.getPayload() instanceof io.callstream.avro.TranscriptLine line) {
                    lines++;
                    chars += line.getText().length();
                }
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "corpus line cost: %d calls, %d lines, %.0f characters per line, one thread%n",
                calls.size(), lines, (double) chars / lines);
        System.out.printf("%-8s %12s %12s%n", "round", "CPU us/line", "CPU ns/char");
        try (InMemoryEnrich engine = InMemoryEnrich.start(EnrichOptions.defaults())) {
            for (int round = 1; round <= rounds; round++) {
                long[] outputs = {0};
                long cpu = threads.getCurrentThreadCpuTime();
                for (CorpusCall call : calls) {
                    if (!engine.run(call.call().events(), (topic, value) -> outputs[0]++)) {
                        throw new IllegalStateException("the topology refused " + call.file());
                    }
                }
                long spent = threads.getCurrentThreadCpuTime() - cpu;
                if (outputs[0] == 0) {
                    throw new IllegalStateException("the corpus emitted nothing");
                }
                System.out.printf(Locale.ROOT, "%-8d %12.1f %12.1f%n", round, spent / 1e3 / lines,
                        (double) spent / chars);
            }
        }
    }
}
