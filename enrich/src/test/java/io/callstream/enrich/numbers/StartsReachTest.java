package io.callstream.enrich.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.callstream.enrich.SweepSlice;
import io.callstream.enrich.text.StartScan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reach that {@link GrowingNumbers} resumes by holds on real text: the start test of each reader of numbers
 * answers the same, at every offset more of its {@link StartScan.Starts#words} before a text's last word, in that text
 * and in longer ones (the turn it grows into, and endings made to complete a start test's words).
 */
class StartsReachTest {

    /** Endings that complete the words a start test looks for, or run on the last word. */
    private static final List<String> ENDINGS = List.of("", " first quarter of 2020", "st quarter", "quarter",
            " of the year", "  year", "\tyear ago", "2020", "5 billion", "ion", "-5", "$5", " 12 months", " few",
            " expect", " will", "half", " couple of years ago", "ty-five", "Q3");

    @Tag("sweep")
    @Test
    void everyNumberReadersStartTestAnswersTheSameBeforeItsReachInAnyLongerText() {
        List<List<String>> turns = new ArrayList<>(TranscriptTurns.teslaTurnLines());
        for (Path file : SweepSlice.current().files(TranscriptTurns.sharedCalls())) {
            turns.addAll(TranscriptTurns.turnLines(file));
        }
        List<StartScan.Starts> tests = new ArrayList<>(List.of(Quantities.STARTS));
        for (int reader = 0; reader < Periods.readers(); reader++) {
            tests.add(Periods.starts(reader));
        }
        long asked = 0;
        long seams = 0;
        for (List<String> lines : turns) {
            String turn = TranscriptTurns.join(lines);
            // every line seam, as a growing turn has them, and every 7th word seam besides
            List<Integer> ends = new ArrayList<>();
            String prefix = "";
            for (String line : lines) {
                prefix = TranscriptTurns.append(prefix, line);
                ends.add(prefix.length());
            }
            for (int at = 0, words = 0; (at = turn.indexOf(' ', at + 1)) > 0; ) {
                if (++words % 7 == 0) {
                    ends.add(at);
                }
            }
            for (int end : ends) {
                seams++;
                String text = turn.substring(0, end);
                List<String> longer = new ArrayList<>(List.of(turn));
                for (String ending : ENDINGS) {
                    longer.add(text + ending);
                }
                for (StartScan.Starts starts : tests) {
                    asked += check(text, longer, starts);
                }
            }
        }
        System.out.printf("StartsReachTest: %d seams, %d offsets asked, each alike in longer texts%n", seams, asked);
        assertThat(seams).isGreaterThan(SweepSlice.current().floor(20_000));
    }

    /** Asks {@code starts} at each offset in the few words before its reach in {@code text} and in longer ones. */
    private static int check(String text, List<String> longer, StartScan.Starts starts) {
        int words = starts.words();
        int[] wordStarts = GrowingNumbers.wordStarts(text, text.length(), words + 3);
        if (wordStarts.length < words + 3) {
            return 0; // too short: read whole
        }
        int asked = 0;
        for (int at = wordStarts[words + 2]; at < wordStarts[words - 1]; at++) {
            boolean here = mayStartAt(starts, text, at);
            for (String other : longer) {
                assertThat(mayStartAt(starts, other, at)).as("at %d of %s, then %s", at, text, other).isEqualTo(here);
            }
            asked++;
        }
        return asked;
    }

    /** As a scan asks: where {@link StartScan.Starts#first} or {@link StartScan.Starts#nonAscii} admits. */
    private static boolean mayStartAt(StartScan.Starts starts, String text, int at) {
        char c = text.charAt(at);
        return (c < 128 ? starts.first()[c] : starts.nonAscii()) && starts.mayStartAt(text, at);
    }
}
