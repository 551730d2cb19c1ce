package io.callstream.enrich.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import io.callstream.avro.NumberMention;
import io.callstream.avro.Span;
import io.callstream.enrich.SweepSlice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A growing turn read line by line reads exactly as each of its texts read whole: at every line seam of every turn
 * of every real call we have, at random word seams, at seams made to fall inside an amount, a period or a cue, and
 * when a text is revised rather than extended, and when the same text is read again.
 */
class GrowingTurnNumbersTest {

    private final NumberExtractor extractor = new NumberExtractor();

    @Test
    void readsEveryLineSeamOfEveryTurnOfTheBundledTeslaCallAsAWholeRead() {
        Tally tally = new Tally();
        for (List<String> lines : TranscriptTurns.teslaTurnLines()) {
            checkLineSeams("bundled Tesla", lines, tally);
        }
        System.out.printf("bundled Tesla: %d prefixes; full reads %d ms, growing reads %d ms (%.1fx)%n",
                tally.prefixes, tally.fullNanos / 1_000_000, tally.growingNanos / 1_000_000, tally.ratio());
        assertThat(tally.prefixes).isGreaterThan(200);
    }

    @Tag("sweep")
    @Test
    void readsEveryLineSeamOfEveryTurnOfEverySharedCallAsAWholeRead() {
        List<Path> all = TranscriptTurns.sharedCallFiles();
        assumeTrue(!all.isEmpty(), "skipped: no transcripts under " + TranscriptTurns.sharedDataDir()
                + "; set -Dcallstream.shared.dir to the shared folder to run");
        List<Path> files = SweepSlice.current().files(all);
        // The whole reads of every prefix are the slow part (they are what the growing reader saves): one file per
        // core at a time.
        Tally tally = files.parallelStream().map(file -> {
            Tally ofFile = new Tally();
            for (List<String> lines : TranscriptTurns.turnLines(file)) {
                checkLineSeams(file.getFileName().toString(), lines, ofFile);
            }
            return ofFile;
        }).reduce(new Tally(), Tally::plus);
        System.out.printf("shared calls (%d files): %d prefixes, %d turns; full reads %d ms, growing reads %d ms"
                        + " (%.1fx faster)%n", files.size(), tally.prefixes, tally.turns,
                tally.fullNanos / 1_000_000, tally.growingNanos / 1_000_000, tally.ratio());
        assertThat(tally.prefixes).isGreaterThan(SweepSlice.current().floor(10_000));
    }

    @Test
    void readsRandomWordSeamsOfRealTurnsAsAWholeRead() {
        long seed = System.nanoTime();
        System.out.println("GrowingTurnNumbersTest random word seams: seed " + seed);
        Random random = new Random(seed);
        List<String> turns = new ArrayList<>(TranscriptTurns.tesla());
        for (Path file : TranscriptTurns.sharedCallFiles()) {
            if (file.getFileName().toString().endsWith(".txt")) {
                turns.addAll(TranscriptTurns.turns(file));
            }
        }
        // Turns short enough that whole reads of all their prefixes stay quick; long ones are read at line seams.
        turns.removeIf(turn -> turn.length() > 4000);
        for (int round = 0; round < 600; round++) {
            String turn = turns.get(random.nextInt(turns.size()));
            List<String> prefixes = new ArrayList<>();
            int at = 0;
            while (at < turn.length()) {
                // a seam after 1 to 12 words, just before a space as a line seam is, or inside a word now and then
                int words = 1 + random.nextInt(12);
                int next = at;
                for (int w = 0; w < words && next < turn.length(); w++) {
                    int space = turn.indexOf(' ', next + 1);
                    next = space < 0 ? turn.length() : space;
                }
                if (random.nextInt(8) == 0 && next < turn.length()) {
                    next = Math.min(turn.length(), next + 1 + random.nextInt(4));
                }
                prefixes.add(turn.substring(0, next));
                at = next;
            }
            assertReadsAsWhole("seed " + seed + ", round " + round, prefixes);
        }
    }

    @Test
    void readsSeamsInsideAmountsPeriodsAndCuesAsAWholeRead() {
        List<String> seams = List.of(
                "$2 billion to| $2.5 billion", "$2 billion to |$2.5 billion", "forward-| looking statements",
                "forward-|looking statements", "we expect| revenue of $3 billion", "we| expect revenue of $3 billion",
                "Q3| 2021", "Q3 |2021", "10| %", "10 |%", "10|%", "1.5| billion", "1.|5 billion", "1|.5 billion",
                ". |We will ship 5,000 cars a week.", "done.| We will ship 5,000 cars a week.",
                "guidance| for 2022 is $4 billion.", "our guidance| for 2022 is $4 billion.",
                "Do you expect| margins of 25%?| Yes.", "Do you expect margins of 25%|? We expect 20%.",
                "we expect, uh, um,| uh, revenue of| uh, $2 billion, uh,| uh, to| $2.5 billion",
                "2 uh, uh, uh, uh, uh, uh, uh, uh, uh, uh, uh, uh,| uh, uh, uh, uh, uh, uh, uh, to 3 billion",
                "It grew 5%.| We will ship in the second half of next year.",
                "It grew 5%.|", "We are on track to deliver 500,000 cars| in 2018.| Thank you.",
                "the end of| this year", "the end of this| year", "mid-| 2018", "mid-|2018",
                "three months| ago", "a hundred and| twenty-five million dollars", "May| 2017", "in| May",
                "$5,000| a week", "5,000 a| week ago", "from 5,000| to 10,000 a week", "(1|)", "Model| 3",
                "we said we| will raise guidance for 2022", "if we| expect 5% growth next year",
                // a line that ends a sentence, then more after a space, or not
                "We will ship 5,000 cars a week.| Thank you.", "We will ship 5,000 cars a week.|. Thank you.",
                "Revenue grew.| We expect 5% growth.", "Revenue grew.|\u00a0We expect 5% growth.",
                "Revenue grew.|\tWe expect 5% growth.|", "Revenue grew 5% in the U.S.| We expect more in 2023.",
                "We expect 10% growth!|) We expect 11%.", "We expect 10% growth\u2026|\u201d And in 2023.",
                "Is it done?| We will grow 5% next year.", "It is done.|x We will grow 5% next year.",
                "We will grow 5% next year.|? Yes.", "Thanks.| |We will grow 5% next year.",
                "We expect 5% growth.|\u00a0Do you agree?", "We expect 5% growth.| Do you agree?",
                "Revenue will rise.|\u00a0by the end of this year.", "Revenue will rise.| by the end of this year.");
        for (String seamed : seams) {
            List<String> prefixes = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (String part : seamed.split("\\|", -1)) {
                text.append(part);
                // each text twice: a turn's FINAL snapshot repeats the text of its last PARTIAL one
                prefixes.add(text.toString());
                prefixes.add(text.toString());
            }
            assertReadsAsWhole(seamed, prefixes);
        }
    }

    /**
     * Long turns of amounts and periods that overlap one another across seams ("from 5,000| to 10,000 a week", "the
     * end of| this year", "2017| to 2018"), grown a piece or part of one at a time: the settled proposals before the
     * seam stand, and the ones after it are settled again, as a whole read settles them all.
     */
    @Test
    void settlesOverlappingProposalsAcrossSeamsOfLongTurnsAsAWholeRead() {
        String[] pieces = {"the end of", "this year", "2020", "from 5,000", "to 10,000 a week", "$2 billion to",
            "$2.5 billion", "mid-", "2018", "the first half of", "fiscal 2021", "five", "percent", "Q3", "three months",
            "ago", "a hundred and twenty-five million dollars", "(1)", "Model 3", "in May", "10%", "-", "and", ",",
            "2017", "to", "through", "20%", "the rest of the quarter", "early", "next year", "uh,", "."};
        java.util.Random random = new java.util.Random(20261205);
        for (int t = 0; t < 150; t++) {
            StringBuilder text = new StringBuilder();
            List<String> prefixes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String piece = pieces[random.nextInt(pieces.length)];
                int split = random.nextInt(4) == 0 ? random.nextInt(piece.length() + 1) : piece.length();
                text.append(piece, 0, split);
                prefixes.add(text.toString());
                text.append(piece, split, piece.length()).append(random.nextInt(5) == 0 ? "" : " ");
                prefixes.add(text.toString());
            }
            assertReadsAsWhole("made turn " + t, prefixes);
        }
    }

    @Test
    void readsARevisedTextWholeAndStillExactly() {
        assertReadsAsWhole("revised", List.of(
                "We expect revenue of $2 billion.", "We expect revenue of $2 billion. In Q3 we",
                "We expected revenue of $2 billion. In Q3 we", // a revised line: not an extension
                "We expected revenue of $2 billion. In Q3 we", // the same text again
                "We expected revenue of $2 billion. In Q3 we will ship 5,000 cars a week.",
                "Thank you.", // another turn
                "", "Thank you. We will grow 10% in 2018."));
        // a long turn, revised far from its end and near it, then extended again
        String turn = TranscriptTurns.tesla().stream().max(java.util.Comparator.comparingInt(String::length))
                .orElseThrow();
        int n = turn.length();
        assertThat(n).isGreaterThan(1500);
        assertReadsAsWhole("revised Tesla turn", List.of(turn.substring(0, n / 2), turn.substring(0, n * 3 / 4),
                "X" + turn.substring(1, n * 3 / 4), "X" + turn.substring(1, n - 40), turn.substring(0, n - 40),
                turn.substring(0, n - 41) + "0% in 2020", turn.substring(0, n - 41) + "0% in 2020 and beyond", turn));
    }

    /** Feeds the prefixes, in order, to one reader and checks each reading against whole reads. */
    private void assertReadsAsWhole(String what, List<String> texts) {
        GrowingTurnNumbers growing = new GrowingTurnNumbers();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            GrowingTurnNumbers.Reading reading = growing.read(text);
            assertThat(reading.numbers()).as("numbers of %s, step %d: %s", what, i, text)
                    .isEqualTo(extractor.find(text));
            assertThat(reading.statement()).as("statement of %s, step %d: %s", what, i, text)
                    .isEqualTo(ForwardLooking.find(text));
        }
    }

    /** Reads a turn's text after each of its lines, growing and whole, timing both, and checks they agree. */
    private void checkLineSeams(String file, List<String> lines, Tally tally) {
        List<String> prefixes = new ArrayList<>(lines.size());
        String text = "";
        for (String line : lines) {
            text = TranscriptTurns.append(text, line);
            prefixes.add(text);
        }
        List<List<NumberMention>> fullNumbers = new ArrayList<>(prefixes.size());
        List<Optional<Span>> fullStatements = new ArrayList<>(prefixes.size());
        long start = System.nanoTime();
        for (String prefix : prefixes) {
            fullNumbers.add(new NumberExtractor().find(prefix));
            fullStatements.add(ForwardLooking.find(prefix));
        }
        long full = System.nanoTime() - start;
        List<GrowingTurnNumbers.Reading> readings = new ArrayList<>(prefixes.size());
        start = System.nanoTime();
        GrowingTurnNumbers growing = new GrowingTurnNumbers();
        for (String prefix : prefixes) {
            readings.add(growing.read(prefix));
        }
        // the turn's FINAL snapshot, the text of its last PARTIAL one, as TagTurns reads it when the next turn starts
        GrowingTurnNumbers.Reading closing = growing.read(prefixes.get(prefixes.size() - 1));
        long incremental = System.nanoTime() - start;
        for (int i = 0; i < prefixes.size(); i++) {
            assertThat(readings.get(i).numbers()).as("numbers in %s after line %d: %s", file, i, prefixes.get(i))
                    .isEqualTo(fullNumbers.get(i));
            assertThat(readings.get(i).statement()).as("statement in %s after line %d: %s", file, i,
                    prefixes.get(i)).isEqualTo(fullStatements.get(i));
        }
        assertThat(closing.numbers()).as("numbers in %s read again: %s", file, text)
                .isEqualTo(fullNumbers.get(prefixes.size() - 1));
        assertThat(closing.statement()).as("statement in %s read again: %s", file, text)
                .isEqualTo(fullStatements.get(prefixes.size() - 1));
        tally.add(prefixes.size(), full, incremental);
    }

    /** Counts and times over many turns (one per test: no state shared between tests). */
    private static final class Tally {
        long prefixes;
        long turns;
        long fullNanos;
        long growingNanos;

        Tally plus(Tally other) {
            Tally sum = new Tally();
            sum.prefixes = prefixes + other.prefixes;
            sum.turns = turns + other.turns;
            sum.fullNanos = fullNanos + other.fullNanos;
            sum.growingNanos = growingNanos + other.growingNanos;
            return sum;
        }

        void add(int count, long full, long growing) {
            prefixes += count;
            turns++;
            fullNanos += full;
            growingNanos += growing;
        }

        double ratio() {
            return growingNanos == 0 ? 0 : (double) fullNanos / growingNanos;
        }
    }
}
