package io.callstream.enrich.tags;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.callstream.avro.TopicTag;
import org.junit.jupiter.api.Test;

/**
 * Thread CPU per line that {@link GrowingTurnTags#tag} costs over every turn of the shared corpus, fed line by line
 * as {@code TagTurns} feeds it (each snapshot the turn so far, lines joined with one blank), with TSLA's taxonomies
 * so that every topic is in play. Warm-up passes, then timed passes; the median and the least are the figures to
 * compare (the machine may be shared). A hash of every tag of every snapshot is printed too, so two builds timed one
 * after the other can be seen to agree.
 *
 * <p>Not a test surefire picks up (its name ends in neither Test nor Tests): run it by name,
 * {@code mvn -pl schemas,ingest,enrich verify -Dtest=GrowingTurnTagsCpuTiming -Dsurefire.failIfNoSpecifiedTests=false},
 * or as a main on the test classpath ({@code java ... GrowingTurnTagsCpuTiming [timed passes]}), which lets one
 * time another build's classes with this same code.
 */
class GrowingTurnTagsCpuTiming {

    /** Passes before the timed ones: the JIT settles on this work after about four. */
    private static final int WARM_UP = 4;

    @Test
    void printsCpuPerLineOfGrowingTagging() {
        main(new String[0]);
    }

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<TurnLines.Call> calls = new ArrayList<>(TurnLines.shared());
        calls.add(TurnLines.tesla());
        List<List<String>> turns = calls.stream().flatMap(call -> call.turns().stream()).toList();
        long lines = turns.stream().mapToLong(List::size).sum();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (TopicTagger tagger = TopicTagger.of(TaxonomySet.defaults().all())) {
            long[] timed = new long[passes];
            for (int pass = -WARM_UP; pass < passes; pass++) {
                long hash = 1;
                long start = cpu.getCurrentThreadCpuTime();
                for (List<String> turn : turns) {
                    GrowingTurnTags tags = new GrowingTurnTags(tagger);
                    String text = "";
                    for (String line : turn) {
                        text = text.isEmpty() ? line : text + ' ' + line;
                        List<TopicTag> got = tags.tag(text, "TSLA");
                        hash = 31 * hash + got.hashCode();
                    }
                }
                long ns = cpu.getCurrentThreadCpuTime() - start;
                if (pass >= 0) {
                    timed[pass] = ns;
                }
                System.out.printf("%s: %d turns, %d lines, %.1f us CPU per line, tags hash %x%n",
                        pass < 0 ? "warm-up" : "pass " + pass, turns.size(), lines, ns / 1e3 / lines, hash);
            }
            Arrays.sort(timed);
            System.out.printf("median %.1f us, least %.1f us CPU per line%n", timed[passes / 2] / 1e3 / lines,
                    timed[0] / 1e3 / lines);
        }
    }
}
