package io.callstream.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.enrich.numbers.NumberExtractor;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.parse.ParsedLine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Numbers read from the bundled Tesla call's paragraphs, as ingest delivers them, against a baseline measured in the
 * same run on the same texts: one precompiled {@code \d[\d,.]*} found over and over, the least a number reader must
 * do. One operation reads every paragraph once; the setup prints how many mentions and digit runs a pass finds, and
 * bench/run turns passes per second into mentions per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NumberExtractionBenchmark {

    private static final Pattern DIGITS = Pattern.compile("\\d[\\d,.]*");

    private final NumberExtractor extractor = new NumberExtractor();
    private List<String> paragraphs;

    @Setup(Level.Trial)
    public void load() {
        paragraphs = TeslaSample.transcript().lines().stream().map(ParsedLine::text).toList();
        int chars = paragraphs.stream().mapToInt(String::length).sum();
        int mentions = paragraphs.stream().mapToInt(p -> extractor.find(p).size()).sum();
        int digitRuns = paragraphs.stream().mapToInt(p -> (int) DIGITS.matcher(p).results().count()).sum();
        System.out.printf("%n# numbers: %d paragraphs, %d chars, %d mentions, %d digit runs per pass%n",
                paragraphs.size(), chars, mentions, digitRuns);
    }

    @Benchmark
    public void extractNumbers(Blackhole sink) {
        for (String paragraph : paragraphs) {
            sink.consume(extractor.find(paragraph));
        }
    }

    @Benchmark
    public void baselineFindDigitRuns(Blackhole sink) {
        for (String paragraph : paragraphs) {
            Matcher m = DIGITS.matcher(paragraph);
            while (m.find()) {
                sink.consume(m.start());
            }
        }
    }
}
