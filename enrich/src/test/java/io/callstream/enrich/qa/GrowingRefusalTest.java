package io.callstream.enrich.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.callstream.enrich.SweepSlice;
import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link GrowingRefusal} finds, at every line of a growing turn, exactly the refusal {@link DeclinePhrases#find}
 * finds in the whole text: on every line-seam prefix of every turn of the shared corpus, on seams cut through the
 * refusal idioms themselves, and on texts that do not extend the last one.
 */
class GrowingRefusalTest {

    @Tag("sweep")
    @Test
    void findsWhatAWholeReadingFindsAtEveryLineOfEveryTurnOfTheSharedCorpus() {
        assumeTrue(Files.isDirectory(TurnLines.sharedDataDir()), TurnLines.sharedDataDir() + " is absent");
        int prefixes = 0;
        int found = 0;
        List<TurnLines.Call> calls = new ArrayList<>(SweepSlice.current().of(TurnLines.shared(), TurnLines.Call::name));
        calls.add(TurnLines.tesla());
        for (TurnLines.Call call : calls) {
            for (List<String> turn : call.turns()) {
                GrowingRefusal growing = new GrowingRefusal();
                for (int n = 1; n <= turn.size(); n++) {
                    String text = TurnLines.prefix(turn, n);
                    assertThat(growing.find(text)).as("%s, %d lines: %s", call.name(), n, text)
                            .isEqualTo(DeclinePhrases.find(text));
                    found += DeclinePhrases.find(text).isPresent() ? 1 : 0;
                    prefixes++;
                }
            }
        }
        assertThat(prefixes).isGreaterThan(SweepSlice.current().floor(30_000));
        assertThat(found).as("prefixes holding a refusal").isPositive();
    }

    @Test
    void findsRefusalsCutAtAnySeam() {
        List<String> texts = List.of(
                "Thanks for the question. We don't report that number separately, but margins improved.",
                "Look, we'll reserve any further product announcements for the event. Next question?",
                "I'm not going to comment on pricing. We do not break those down, and we don't give guidance.",
                "We can't, uh, we can't get into specifics. We won't comment on it. Fine.",
                "We don't have to invest more. It's not going to have an impact, we don't disclose, ok",
                "We will reserve, comments, details. We'll reserve our comments.");
        Random random = new Random(14);
        for (String text : texts) {
            for (int round = 0; round < 200; round++) {
                GrowingRefusal growing = new GrowingRefusal();
                int end = 0;
                while (end < text.length()) {
                    end = Math.min(text.length(), end + 1 + random.nextInt(12));
                    String prefix = text.substring(0, end);
                    assertThat(growing.find(prefix)).as(prefix).isEqualTo(DeclinePhrases.find(prefix));
                }
            }
        }
    }

    @Test
    void startsOverWhenTheTextIsRevised() {
        GrowingRefusal growing = new GrowingRefusal();
        String before = "Revenue grew. We don't report that. Next.";
        assertThat(growing.find(before)).isEqualTo(DeclinePhrases.find(before)).isPresent();
        String revised = "Revenue grew. We report that. Next.";
        assertThat(growing.find(revised)).isEqualTo(DeclinePhrases.find(revised)).isEmpty();
        String grown = revised + " We won't comment further";
        assertThat(growing.find(grown)).isEqualTo(DeclinePhrases.find(grown)).isPresent();
    }
}
