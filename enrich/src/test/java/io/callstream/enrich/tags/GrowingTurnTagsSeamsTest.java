package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.callstream.avro.TopicTag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GrowingTurnTags} equals a whole read at awkward seams: real turns cut at random word boundaries, and
 * hand-made lines that split a hyphenated word, a phrase, a filler run, a sentence end or a safe-harbour sentence,
 * and Boolean topics whose second term comes lines later. Also a snapshot that does not extend the last one.
 */
class GrowingTurnTagsSeamsTest {

    private static TopicTagger shipped;
    private static TopicTagger booleans;

    @BeforeAll
    static void buildTaggers() throws IOException {
        shipped = TopicTagger.of(TaxonomySet.defaults().all());
        Taxonomy demo = new TaxonomyParser().parse(new StringReader("""
                taxonomy: demo
                version: 1
                topic: both
                label: Both
                query: (ramp OR ramps) AND factory
                topic: demand
                label: Demand
                query: demand NOT "on demand"
                topic: nested
                label: Nested
                query: (capital NOT (bank OR "capital one")) OR ("model 3" AND (july OR week))
                """), "demo.taxonomy");
        booleans = TopicTagger.of(List.of(demo));
    }

    @AfterAll
    static void closeTaggers() {
        shipped.close();
        booleans.close();
    }

    @Tag("sweep")
    @Test
    void realTurnsCutAtRandomWordBoundariesTagAsTheWholeText() {
        Random random = SeededRandom.of("GrowingTurnTagsSeamsTest");
        List<String> turns = new ArrayList<>();
        TurnLines.tesla().turns().forEach(lines -> turns.add(String.join(" ", lines)));
        TurnLines.shared().stream().filter(call -> call.name().endsWith(".txt")).limit(6)
                .forEach(call -> call.turns().forEach(lines -> turns.add(String.join(" ", lines))));
        for (int i = 0; i < 100; i++) {
            String turn = turns.get(random.nextInt(turns.size()));
            String[] words = turn.split(" ");
            List<String> lines = new ArrayList<>();
            int at = 0;
            while (at < words.length) {
                int take = 1 + random.nextInt(Math.min(12, words.length - at));
                lines.add(String.join(" ", java.util.Arrays.asList(words).subList(at, at + take)));
                at += take;
            }
            assertExactLineByLine(shipped, lines, random.nextBoolean() ? "TSLA" : null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "We expect forward-|looking demand to stay strong.",
            "Demand was on|demand for a while. Then demand came back.",
            "The Model|3 ramp is on track for July.",
            "We will raise|capital if we must.",
            "We are going to, uh,|um, raise capital this year.",
            "Will we raise money?|Capital is fine.",
            "Is the ramp on track?| The factory is ready.",
            "Production ended the quarter.|Capital spending rose.",
            "Good morning. Some statements are forward|looking statements that involve risks and|uncertainties."
                    + " Actual results may differ. Demand was strong in the U.S.| Raise capital.",
            "Thanks. These statements|include our outlook. We ramped supply chain hiring.",
            "Non-GAAP measures are|reconciled in our press release. Gross margin rose 5%.| Next, the factory.",
            // Lines ending on a sentence mark (the last open part is closed as matched), on a mark that is no seam,
            // on a blanked notice sentence, and on a mark run.
            "Demand in the U.S.|We will raise capital.|Is the factory on demand?!|Really?|Demand grew 5%.|Supply rose.",
            "Hello.|Forward-looking statements involve risks.|We ramp the factory.|Model 3 ships in July.|Capital.",
            // An open sentence with hits that a later line makes boilerplate, in a turn that already has a notice:
            // its hits go, so its leaves must be judged again.
            "Forward-looking statements involve risks.|Demand and supply chain shortages matter, and we refer|to"
                    + " non-GAAP measures in the press release. Thanks."})
    void handMadeSeamsTagAsTheWholeText(String seamed) {
        List<String> lines = List.of(seamed.split("\\|"));
        assertExactLineByLine(shipped, lines, "TSLA");
        assertExactLineByLine(shipped, lines, null);
        assertExactLineByLine(booleans, lines, null);
    }

    /** The topics judged on the last line are reused only for the same ticker: one turn read for two in turn. */
    @Test
    void aTurnReadForAnotherTickerOnEachLineStaysExact() {
        GrowingTurnTags growing = new GrowingTurnTags(shipped);
        List<String> lines = TurnLines.tesla().turns().stream().max(java.util.Comparator.comparingInt(List::size))
                .orElseThrow();
        for (int n = 1; n <= lines.size(); n++) {
            String text = TurnLines.prefix(lines, n);
            String ticker = n % 3 == 0 ? null : "TSLA";
            assertThat(growing.tag(text, ticker)).as("line %d, ticker %s", n, ticker)
                    .isEqualTo(shipped.tag(text, ticker));
        }
    }

    @Test
    void anAndTopicAppearsWhenItsSecondTermArrivesLinesLater() {
        List<List<TopicTag>> steps = assertExactLineByLine(booleans, List.of(
                "We will ramp production.", "It takes time.", "Then the new factory opens."), null);

        assertThat(steps.get(1)).extracting(TopicTag::getTopicId).doesNotContain("both");
        assertThat(steps.get(2)).extracting(TopicTag::getTopicId).contains("both");
    }

    @Test
    void aNotTopicDisappearsWhenItsExcludedPhraseArrivesLinesLater() {
        List<List<TopicTag>> steps = assertExactLineByLine(booleans, List.of(
                "Demand is strong.", "Really strong.", "Customers buy on", "demand now."), null);

        assertThat(steps.get(2)).extracting(TopicTag::getTopicId).contains("demand");
        assertThat(steps.get(3)).extracting(TopicTag::getTopicId).doesNotContain("demand");
    }

    @Test
    void aRevisedTextThatDoesNotExtendTheLastIsReadWholeAndStaysExact() {
        GrowingTurnTags growing = new GrowingTurnTags(shipped);
        List<String> snapshots = List.of(
                "We will raise capital. Demand is strong.",
                "We will raise capital. Demand is strong. The factory ramps.",
                "We will not raise capital. Demand is strong. The factory ramps.", // a revised first line
                "Another turn: supply chain shortages.",
                "Another turn: supply chain shortages. Forward-looking statements involve risks.",
                "");
        for (String snapshot : snapshots) {
            assertThat(growing.tag(snapshot, "TSLA")).as(snapshot).isEqualTo(shipped.tag(snapshot, "TSLA"));
        }
    }

    /** Feeds the lines' prefixes to one instance, asserting each step; returns the tags of each step. */
    private static List<List<TopicTag>> assertExactLineByLine(TopicTagger tagger, List<String> lines, String ticker) {
        GrowingTurnTags growing = new GrowingTurnTags(tagger);
        List<List<TopicTag>> steps = new ArrayList<>();
        String text = "";
        for (String line : lines) {
            String next = line.strip().replaceAll("\\s+", " ");
            text = text.isEmpty() ? next : next.isEmpty() ? text : text + " " + next;
            List<TopicTag> tags = growing.tag(text, ticker);
            assertThat(tags).as("ticker %s, text: %s", ticker, text).isEqualTo(tagger.tag(text, ticker));
            steps.add(tags);
        }
        return steps;
    }
}
