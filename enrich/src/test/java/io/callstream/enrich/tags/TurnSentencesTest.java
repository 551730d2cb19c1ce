package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Random;

import io.callstream.enrich.SweepSlice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TurnSentencesTest {

    private static List<String> sentences(String text) {
        return TurnSentences.of(text).stream().map(s -> s.of(text)).toList();
    }

    @Test
    void cutsWhereTheRulesAnalyzerEndsASentenceAndKeepsAbbreviationsWhole() {
        assertThat(sentences("  U.S. sales grew 5%. We expect more next year!  Really? Yes "))
                .containsExactly("U.S. sales grew 5%.", "We expect more next year!", "Really?", "Yes");
    }

    @Test
    void keepsAnUnfinishedLastSentenceAndNothingForBlanks() {
        assertThat(sentences("Margins improved. And the")).containsExactly("Margins improved.", "And the");
        assertThat(TurnSentences.of("   ")).isEmpty();
    }

    @Test
    void givesOffsetsIntoTheText() {
        String text = "One. Two.";
        assertThat(TurnSentences.of(text)).containsExactly(new TurnSentences.Sentence(0, 4),
                new TurnSentences.Sentence(5, 9));
    }

    @Test
    void aGrowingTurnIsCutAtEverySnapshotAsItsWholeTextIs() {
        assertThat(cutsEverySnapshotAlike(List.of(TurnLines.tesla()))).isGreaterThan(200);
    }

    /** The same over every turn of the shared calls of this build's slice (each whole cut is a read of its prefix). */
    @Tag("sweep")
    @Test
    void aGrowingTurnOfARealCallIsCutAtEverySnapshotAsItsWholeTextIs() {
        Assumptions.assumeTrue(Files.isDirectory(TurnLines.sharedDataDir()),
                "../shared/data is absent: only the bundled call is cut, by "
                        + "aGrowingTurnIsCutAtEverySnapshotAsItsWholeTextIs");
        SweepSlice slice = SweepSlice.current();
        assertThat(cutsEverySnapshotAlike(slice.of(TurnLines.shared(), TurnLines.Call::name)))
                .isGreaterThan(slice.floor(15_000));
    }

    private static long cutsEverySnapshotAlike(List<TurnLines.Call> calls) {
        long snapshots = 0;
        for (TurnLines.Call call : calls) {
            for (List<String> lines : call.turns()) {
                TurnSentences.Growing growing = new TurnSentences.Growing();
                for (int k = 1; k <= lines.size(); k++) {
                    assertCutAlike(growing, TurnLines.prefix(lines, k), k > 1);
                    snapshots++;
                }
            }
        }
        return snapshots;
    }

    /**
     * Random texts grown a few characters at a time, cut anywhere (inside a mark run, before the blank that closes
     * it), with safe-harbour notices that first show up mid-turn, and now and then a snapshot that revises the last.
     */
    @Test
    void aGrowingTurnIsCutAsItsWholeTextIsWhereverItGrowsAndWhenANoticeShowsUpLate() {
        String[] pieces = {"Sales grew 5%", ". ", "! ", "? ", "?! ", "...", " ", "  ", "\n", "\t", "U.S.", " and",
            " we", " Really", "(Q4)", ".\"", "\u2019s", " forward-looking statements", " actual results may differ",
            " These statements", " safe harbor", "Mr. Smith", "1.5", " risks and uncertainties", "x"};
        Random random = SeededRandom.of("aGrowingTurnIsCutAsItsWholeTextIsWhereverItGrowsAndWhenANoticeShowsUpLate");
        long withNotice = 0;
        int lastClosed = 0;
        for (int t = 0; t < 3_000; t++) {
            StringBuilder whole = new StringBuilder();
            int n = 1 + random.nextInt(14);
            for (int i = 0; i < n; i++) {
                whole.append(pieces[random.nextInt(pieces.length)]);
            }
            TurnSentences.Growing growing = new TurnSentences.Growing();
            List<TurnSentences.Sentence> last = null;
            int at = 0;
            boolean revised = false;
            while (at < whole.length()) {
                at = Math.min(whole.length(), at + 1 + random.nextInt(8));
                boolean revise = last != null && !revised && random.nextInt(10) == 0;
                if (revise) {
                    // a snapshot that is no longer the last one grown (a revised line), read again and grown on
                    whole.insert(0, "Revised. ");
                    at += "Revised. ".length();
                    revised = true;
                }
                String text = whole.substring(0, at);
                List<TurnSentences.Sentence> cut = assertCutAlike(growing, text, last != null && !revise);
                if (last != null && !revise) {
                    // the closed sentences stay as they were: the learned tier keeps their scores by place
                    assertThat(cut.subList(0, lastClosed)).isEqualTo(last.subList(0, lastClosed));
                }
                withNotice += TurnSentences.withoutSafeHarbour(text).equals(text) ? 0 : 1;
                last = cut;
                lastClosed = growing.closedCount();
            }
        }
        assertThat(withNotice).isGreaterThan(100);
    }

    private static List<TurnSentences.Sentence> assertCutAlike(TurnSentences.Growing growing, String text,
            boolean extendsLast) {
        List<TurnSentences.Sentence> cut = growing.read(text, extendsLast);
        assertThat(cut).as("'%s'", text).isEqualTo(TurnSentences.of(text));
        String matchable = TurnSentences.withoutSafeHarbour(text);
        for (int s = 0; s < cut.size(); s++) {
            TurnSentences.Sentence sentence = cut.get(s);
            assertThat(growing.holdsWords(s)).as("'%s' in '%s'", sentence.of(text), text)
                    .isEqualTo(!matchable.substring(sentence.start(), sentence.end()).isBlank());
        }
        assertThat(growing.closedCount()).isLessThanOrEqualTo(cut.size());
        return cut;
    }
}
