package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.api.Test;

/** How the sweeps deal the shared calls into slices: every call in one, a call's renderings together. */
class SweepSliceTest {

    private static final List<String> FILES = List.of("earnings21/101.txt", "earnings21/101.segments.tsv",
            "earnings21/102.txt", "earnings21/102.segments.tsv", "earnings22/203.txt", "earnings22/203.segments.tsv",
            "earnings22/204.txt", "earnings22/205.txt", "earnings22/206.txt", "tesla-2016-q4-earnings-call.txt");

    @Test
    void theSlicesTogetherHoldEveryCallOnceBesidesTheBundledOneInEach() {
        List<String> dealt = new ArrayList<>();
        for (int slice = 0; slice < 4; slice++) {
            List<String> kept = new SweepSlice(slice, 4, "test").of(FILES, name -> name);
            assertThat(kept).contains("tesla-2016-q4-earnings-call.txt").hasSizeLessThan(FILES.size());
            dealt.addAll(kept.stream().filter(name -> !name.startsWith("tesla")).toList());
        }
        assertThat(dealt).hasSize(FILES.size() - 1).containsExactlyInAnyOrderElementsOf(
                FILES.stream().filter(name -> !name.startsWith("tesla")).toList());
    }

    @Test
    void keepsACallsTwoRenderingsTogether() {
        for (int slice = 0; slice < 3; slice++) {
            List<String> kept = new SweepSlice(slice, 3, "test").of(FILES, name -> name);
            Set<String> calls = new HashSet<>(kept.stream().map(SweepSlice::callId).toList());
            for (String file : FILES) {
                assertThat(kept.contains(file)).as(file).isEqualTo(calls.contains(SweepSlice.callId(file)));
            }
        }
    }

    @Test
    void oneSliceIsEveryItemAndItsFloorTheWholeOne() {
        SweepSlice whole = new SweepSlice(0, 1, "test");
        assertThat(whole.of(FILES, name -> name)).isEqualTo(FILES);
        assertThat(whole.floor(30_000)).isEqualTo(30_000);
        assertThat(new SweepSlice(1, 4, "test").floor(30_000)).isEqualTo(3_750);
    }

    /**
     * The sweeps' floors ({@link SweepSlice#floor}) assume a slice holds at least half its share of the corpus: so it
     * must, for the lines of the shared calls (which the prefixes and seams the sweeps count follow) dealt into the
     * slices the build uses.
     */
    @Test
    void everySliceOfTheSharedCallsHoldsAtLeastHalfItsShareOfTheirLines() throws IOException {
        Path data = TurnLines.sharedDataDir();
        assumeTrue(Files.isDirectory(data), "the shared calls are absent: " + data);
        List<Path> calls;
        try (Stream<Path> files = Files.walk(data)) {
            calls = files.filter(f -> f.getFileName().toString().endsWith(".txt"))
                    .filter(f -> !f.getFileName().toString().startsWith("README")).sorted().toList();
        }
        int slices = Math.max(2, Integer.getInteger("callstream.sweep.slices", 4));
        long all = lines(calls);
        for (int slice = 0; slice < slices; slice++) {
            long held = lines(new SweepSlice(slice, slices, "test").files(calls));
            assertThat(held).as("lines in slice %d of %d, of %d", slice, slices, all).isGreaterThan(all / slices / 2);
        }
    }

    private static long lines(List<Path> files) throws IOException {
        long lines = 0;
        for (Path f : files) {
            lines += Files.readAllLines(f, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isBlank()).count();
        }
        return lines;
    }

    @Test
    void refusesASliceOutsideItsCount() {
        assertThatThrownBy(() -> new SweepSlice(4, 4, "test")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SweepSlice(0, 0, "test")).isInstanceOf(IllegalArgumentException.class);
    }
}
