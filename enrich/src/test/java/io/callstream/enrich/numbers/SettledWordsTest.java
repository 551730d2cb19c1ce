package io.callstream.enrich.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The reach that {@link GrowingNumbers} rescans by holds on real text: no attempt of a reader's pattern that starts
 * before the cut its claimed reach gives (the amounts' "under 40 words", a period reader's {@link Periods#words})
 * reads to the end of the text, so none could read differently in a longer one ({@link Matcher#hitEnd} is false). The
 * growing reader keeps more words than that; this checks the claims themselves, not just the room left for them.
 */
class SettledWordsTest {

    /** The amounts reader's reach as {@link GrowingNumbers} argues it: under 40 words, fillers not counted. */
    private static final int AMOUNT_WORDS = 40;

    @Test
    void noAttemptBeforeAReadersReachReadsToTheEndOfTheText() {
        List<List<String>> turns = new ArrayList<>(TranscriptTurns.teslaTurnLines());
        for (Path file : TranscriptTurns.sharedCalls()) {
            turns.addAll(TranscriptTurns.turnLines(file));
        }
        long attempts = 0;
        long seams = 0;
        for (List<String> lines : turns) {
            String text = TranscriptTurns.join(lines);
            // every line seam, as a growing turn has them, and every 5th word seam besides
            List<Integer> ends = new ArrayList<>();
            String prefix = "";
            for (String line : lines) {
                prefix = TranscriptTurns.append(prefix, line);
                ends.add(prefix.length());
            }
            for (int at = 0, words = 0; (at = text.indexOf(' ', at + 1)) > 0; ) {
                if (++words % 5 == 0) {
                    ends.add(at);
                }
            }
            for (int end : ends) {
                seams++;
                attempts += check(text.substring(0, end));
            }
        }
        System.out.printf("SettledWordsTest: %d seams, %d attempts before a reader's cut, none reaching the end%n",
                seams, attempts);
        assertThat(seams).isGreaterThan(20_000);
    }

    /** Attempts every reader at each offset in the few words before its cut in {@code text}: none may hit its end. */
    private static int check(String text) {
        int attempts = 0;
        for (int scan = 0; scan <= Periods.readers(); scan++) {
            int words = scan == 0 ? AMOUNT_WORDS : Periods.words(scan - 1);
            Pattern pattern = scan == 0 ? Quantities.PATTERN : Periods.pattern(scan - 1);
            int[] starts = GrowingNumbers.countedWordStarts(text, text.length(), words + 3);
            if (starts.length < words + 3) {
                continue; // too short to have a cut: read whole
            }
            Matcher m = StartScan.matcher(pattern, text);
            // the offsets from three counted words before the cut to the cut: the attempts that could reach furthest
            for (int at = starts[words + 2]; at < starts[words - 1]; at++) {
                m.region(at, text.length());
                m.lookingAt();
                attempts++;
                assertThat(m.hitEnd()).as("reader %d at %d reads to the end of: %s", scan, at, text).isFalse();
            }
        }
        return attempts;
    }
}
