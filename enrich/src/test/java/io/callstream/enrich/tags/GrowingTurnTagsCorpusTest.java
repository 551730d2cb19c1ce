package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.callstream.avro.TopicTag;
import io.callstream.enrich.SweepSlice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The point of {@link GrowingTurnTags}: on every turn of every real call, fed the turn's text line by line, it gives
 * at every step exactly what {@link TopicTagger} gives for that text read whole, evidence spans included, with the
 * shipped taxonomies: TSLA (whose watchlist applies, so every topic is in play) on every call, and no ticker on the
 * bundled call too. The reference, a whole read of every prefix, is most of the time taken; calls run two at a time
 * (both taggers are safe to share, a GrowingTurnTags is one turn's).
 *
 * <p>The timing is printed, not asserted, and runs only with {@code -Dcallstream.timing=true}: it reads the corpus
 * twice more.
 */
class GrowingTurnTagsCorpusTest {

    private static final List<String> TICKERS = Arrays.asList(null, "TSLA");

    private static TopicTagger tagger;

    @BeforeAll
    static void buildTagger() {
        tagger = TopicTagger.of(TaxonomySet.defaults().all());
    }

    @AfterAll
    static void closeTagger() {
        tagger.close();
    }

    @Test
    void everyLineOfTheBundledTeslaCallTagsAsTheWholeTextDoesWithAndWithoutTicker() {
        assertEveryPrefixExact(List.of(TurnLines.tesla()), TICKERS);
    }

    @Tag("sweep")
    @Test
    void everyLineOfEveryCallInTheSharedFolderTagsAsTheWholeTextDoes() {
        List<TurnLines.Call> all = TurnLines.shared();
        assumeTrue(!all.isEmpty(), "no shared transcripts in " + TurnLines.sharedDataDir() + ": skipped");
        assertThat(all).hasSizeGreaterThanOrEqualTo(111); // 55 calls in two renderings, and the Tesla file
        assertEveryPrefixExact(SweepSlice.current().of(all, TurnLines.Call::name), List.of("TSLA"));
    }

    /** Prints, and asserts nothing about, the time of whole reads against growing ones over all prefixes. */
    @Test
    void timesWholeAgainstGrowingTaggingOfEveryPrefix() {
        assumeTrue(Boolean.getBoolean("callstream.timing"), "timing runs with -Dcallstream.timing=true");
        List<TurnLines.Call> calls = new ArrayList<>(TurnLines.shared());
        calls.add(TurnLines.tesla());
        List<List<String>> turns = calls.stream().flatMap(call -> call.turns().stream()).toList();
        long prefixes = turns.stream().mapToLong(List::size).sum();
        for (int warm = 0; warm < 2; warm++) { // the first pass warms the JIT for both
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long wholeCpu = cpu.getCurrentThreadCpuTime();
            long whole = System.nanoTime();
            // -Dcallstream.timing.whole=false times the growing reads alone.
            for (List<String> lines : Boolean.parseBoolean(System.getProperty("callstream.timing.whole", "true"))
                    ? turns : List.<List<String>>of()) {
                for (int n = 1; n <= lines.size(); n++) {
                    tagger.tag(TurnLines.prefix(lines, n), "TSLA");
                }
            }
            whole = System.nanoTime() - whole;
            wholeCpu = cpu.getCurrentThreadCpuTime() - wholeCpu;
            long growingCpu = cpu.getCurrentThreadCpuTime();
            long growing = System.nanoTime();
            for (List<String> lines : turns) {
                GrowingTurnTags turn = new GrowingTurnTags(tagger);
                for (int n = 1; n <= lines.size(); n++) {
                    turn.tag(TurnLines.prefix(lines, n), "TSLA");
                }
            }
            growing = System.nanoTime() - growing;
            growingCpu = cpu.getCurrentThreadCpuTime() - growingCpu;
            System.out.printf("%s: %d turns, %d prefixes: whole %d ms, growing %d ms, %.1fx%n",
                    warm == 0 ? "warm-up" : "timed", turns.size(), prefixes, whole / 1_000_000,
                    growing / 1_000_000, (double) whole / growing);
            System.out.printf("thread CPU: whole %.1f us per prefix, growing %.1f us per prefix (%.0f prefixes/s)%n",
                    wholeCpu / 1e3 / prefixes, growingCpu / 1e3 / prefixes, prefixes * 1e9 / growingCpu);
        }
    }

    private static void assertEveryPrefixExact(List<TurnLines.Call> calls, List<String> tickers) {
        long checked = calls.parallelStream().mapToLong(call -> assertEveryPrefixExact(call, tickers)).sum();
        System.out.println("growing tags equal whole tags on " + checked + " prefixes of " + calls.size() + " calls");
    }

    private static long assertEveryPrefixExact(TurnLines.Call call, List<String> tickers) {
        long checked = 0;
        {
            for (int t = 0; t < call.turns().size(); t++) {
                List<String> lines = call.turns().get(t);
                for (String ticker : tickers) {
                    GrowingTurnTags growing = new GrowingTurnTags(tagger);
                    for (int n = 1; n <= lines.size(); n++) {
                        String prefix = TurnLines.prefix(lines, n);
                        List<TopicTag> expected = tagger.tag(prefix, ticker);
                        assertThat(growing.tag(prefix, ticker))
                                .as("%s turn %d after line %d of %d, ticker %s: %s", call.name(), t, n, lines.size(),
                                        ticker, prefix)
                                .isEqualTo(expected);
                        checked++;
                    }
                }
            }
        }
        return checked;
    }
}
