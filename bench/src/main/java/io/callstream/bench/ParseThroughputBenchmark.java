package io.callstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.callstream.ingest.parse.ParsedTranscript;
import io.callstream.ingest.parse.TranscriptFormat;
import io.callstream.ingest.parse.TranscriptFormats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse throughput of each transcript layout, against a baseline measured in the same run on the same text:
 * splitting it into lines and words, the least any parser must do. bench/run turns ops/s into MB/s and ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseThroughputBenchmark {

    /** A transcript file; its layout is detected once at setup, as ingest does. */
    @Param({"ingest/src/main/resources/io/callstream/ingest/sample/tesla-2016-q4-earnings-call.txt"})
    public String input;

    private String text;
    private TranscriptFormat format;

    @Setup(Level.Trial)
    public void load() throws IOException {
        text = Files.readString(Path.of(input), StandardCharsets.UTF_8);
        format = TranscriptFormats.all().detect(text)
                .orElseThrow(() -> new IllegalStateException("no layout detected for " + input));
        System.out.printf("%n# input %s: %d bytes, layout %s%n", input,
                text.getBytes(StandardCharsets.UTF_8).length, format.name());
    }

    @Benchmark
    public ParsedTranscript parse() {
        return format.parse(text);
    }

    @Benchmark
    public void baselineSplitLinesAndWords(Blackhole sink) {
        for (String line : text.split("\n")) {
            sink.consume(line.split(" "));
        }
    }
}
