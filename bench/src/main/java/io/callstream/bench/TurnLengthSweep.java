package io.callstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.Section;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.replay.InMemoryEnrich;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.InputFiles;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.AvroClassTrust;

/**
 * Cost per line against the length of turns: the same real sentences (every line of the shared corpus's
 * {@code .segments.tsv} files, one sentence each, in order), dealt into calls whose turns are 1, 10, 50 and 200 lines
 * long (two speakers taking turns), run through the backtest engine ({@link InMemoryEnrich}). Enrich that re-read
 * the whole open turn on every line would cost per line in proportion to the turn's length; enrich that reads each
 * line once costs the same per line at every length. Prints CPU microseconds per line (this thread's CPU time, which
 * other work on the machine does not inflate) for each length, and each against one line per turn: with every output
 * copied as it leaves (as a sink serializing it would, and as the digest reads them), and with the outputs tallied as
 * they are emitted (as {@code callstream backtest} reads them, copying nothing but alerts).
 *
 * <p>With {@code --ticker TSLA} the calls are Tesla's, whose watchlist defines topics by examples: the learned tier
 * then reads every sentence too (each embedded once, in the warm-up, which then covers every line measured: give
 * {@code --lines} at most 4,000, or the first length pays the model for the rest).
 *
 * <p>Usage: {@code TurnLengthSweep [--data DIR] [--lines N] [--ticker T]} (default: 20,000 lines per length, ticker
 * SWP, which no watchlist follows).
 */
public final class TurnLengthSweep {

    private static final int[] LENGTHS = {1, 10, 50, 200};
    private static final int LINES_PER_CALL = 2_000;
    private static final Instant START = Instant.parse("2021-05-04T13:00:00Z");

    private TurnLengthSweep() {
    }

    public static void main(String[] args) throws Exception {
        AvroClassTrust.trustGeneratedClasses();
        Path data = Path.of(System.getenv().getOrDefault("CALLSTREAM_SHARED_DIR", "../shared"), "data");
        int lines = 20_000;
        String ticker = "SWP";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--ticker" -> ticker = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; takes --data DIR, --lines N, --ticker T");
            }
        }
        if (!Files.isDirectory(data)) {
            System.out.println("sweep: " + data + " is absent (set CALLSTREAM_SHARED_DIR): nothing to measure");
            return;
        }
        List<String> sentences = sentences(data);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (InMemoryEnrich engine = InMemoryEnrich.start(EnrichOptions.defaults())) {
            System.err.println("Warming up...");
            for (int length : LENGTHS) {
                run(engine, calls(sentences, Math.min(lines, 4_000), length, ticker));
            }
            System.out.printf("%nturn length sweep: %d lines per length (real sentences, two speakers), ticker %s, "
                    + "backtest engine, one thread%n", lines, ticker);
            System.out.printf("%-18s %10s %16s %16s %16s%n", "lines per turn", "lines", "copied us/line",
                    "vs 1 per turn", "tallied us/line");
            double first = 0;
            for (int length : LENGTHS) {
                List<List<CallEvent>> calls = calls(sentences, lines, length, ticker);
                long cpu = threads.getCurrentThreadCpuTime();
                run(engine, calls);
                double perLine = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / lines;
                cpu = threads.getCurrentThreadCpuTime();
                tally(engine, calls);
                double tallied = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / lines;
                first = first == 0 ? perLine : first;
                System.out.printf(Locale.ROOT, "%-18d %10d %16.1f %16.2f %16.1f%n", length, lines, perLine,
                        perLine / first, tallied);
            }
        }
    }

    private static void run(InMemoryEnrich engine, List<List<CallEvent>> calls) {
        for (List<CallEvent> call : calls) {
            if (engine.run(call).isEmpty()) {
                throw new IllegalStateException("a sweep call was refused by the topology");
            }
        }
    }

    /** Runs the calls handing each output to a receiver that counts it, as a backtest's tally reads them. */
    private static void tally(InMemoryEnrich engine, List<List<CallEvent>> calls) {
        long[] outputs = {0};
        for (List<CallEvent> call : calls) {
            if (!engine.run(call, (topic, value) -> outputs[0]++)) {
                throw new IllegalStateException("a sweep call was refused by the topology");
            }
        }
        if (outputs[0] == 0) {
            throw new IllegalStateException("the sweep's calls emitted nothing");
        }
    }

    /** Every line of every .segments.tsv file of the folder, in file order: one real sentence each. */
    private static List<String> sentences(Path data) throws Exception {
        CallFileReader reader = new CallFileReader(TranscriptFormats.all(), null);
        List<String> sentences = new ArrayList<>();
        for (Path file : InputFiles.expand(List.of(data))) {
            if (!file.getFileName().toString().endsWith(".segments.tsv")) {
                continue;
            }
            for (LoadedCall call : reader.read(Files.readAllBytes(file), file.toString(), "file:" + file.getFileName(),
                    CallOverrides.NONE).calls()) {
                call.events().stream().filter(e -> e.getPayload() instanceof TranscriptLine)
                        .map(e -> ((TranscriptLine) e.getPayload()).getText()).forEach(sentences::add);
            }
        }
        if (sentences.isEmpty()) {
            throw new IllegalStateException("no .segments.tsv lines under " + data);
        }
        return sentences;
    }

    /** {@code lines} sentences dealt into calls of {@link #LINES_PER_CALL} lines, turns of {@code length} lines. */
    private static List<List<CallEvent>> calls(List<String> sentences, int lines, int length, String ticker) {
        List<List<CallEvent>> calls = new ArrayList<>();
        int used = 0;
        while (used < lines) {
            String callId = "sweep-" + length + "-" + calls.size();
            int count = Math.min(LINES_PER_CALL, lines - used);
            List<CallEvent> events = new ArrayList<>();
            events.add(event(callId, 0, CallStarted.newBuilder().setCompany("Sweep Inc.").setTicker(ticker)
                    .setSource("bench").build()));
            for (int i = 0; i < count; i++) {
                String speaker = (i / length) % 2 == 0 ? "Speaker 1" : "Speaker 2";
                events.add(event(callId, 1_000L * (i + 1), TranscriptLine.newBuilder().setLineId(callId + "-" + i)
                        .setSeq(i).setStatus(Status.FINAL).setSpeakerLabel(speaker)
                        .setSection(Section.QUESTIONS_AND_ANSWERS)
                        .setText(sentences.get((used + i) % sentences.size())).setDurationMs(1_000L)
                        .setFlags(List.of()).build()));
            }
            events.add(event(callId, 1_000L * (count + 1), CallEnded.newBuilder().setLineCount(count).build()));
            calls.add(events);
            used += count;
        }
        return calls;
    }

    private static CallEvent event(String callId, long offsetMs, Object payload) {
        return CallEvent.newBuilder().setCallId(callId).setCallOffsetMs(offsetMs)
                .setObservedAt(START.plusMillis(offsetMs)).setPayload(payload).build();
    }
}
