package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import io.callstream.avro.TopicTag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The safe-harbour notice of an opening turn tags nothing; the rest of the turn tags as before. */
class SafeHarbourSentencesTest {

    private static final String RULES = """
            taxonomy: demo
            version: 1
            topic: competition
            label: Competition
            query: competitive OR competition
            topic: regulation
            label: Regulation & policy
            query: regulatory OR regulation
            topic: guidance
            label: Guidance & outlook
            query: guidance OR "we expect"
            """;

    private static final String NOTICE = "Today's remarks contain forward-looking statements, and actual results may"
            + " differ materially because of risks and uncertainties, including competitive and regulatory factors. ";

    private static TopicTagger tagger;

    @BeforeAll
    static void buildTagger() throws IOException {
        tagger = TopicTagger.of(List.of(new TaxonomyParser().parse(new StringReader(RULES), "demo.taxonomy")));
    }

    @AfterAll
    static void closeTagger() {
        tagger.close();
    }

    @Test
    void aSafeHarbourSentenceTagsNothing() {
        assertThat(tagger.tag(NOTICE)).isEmpty();
    }

    @Test
    void aRealSentenceInTheSameTurnStillTagsAndItsSpanPointsAtItsWords() {
        String text = NOTICE + "Competition in Europe got tougher this quarter.";

        List<TopicTag> tags = tagger.tag(text);

        assertThat(tags).extracting(TopicTag::getTopicId).containsExactly("competition");
        assertThat(tags.get(0).getEvidence()).singleElement().satisfies(span -> {
            assertThat(span.getStart()).isEqualTo(NOTICE.length());
            assertThat(text.substring(span.getStart(), span.getEnd())).isEqualTo("Competition");
            assertThat(span.getText()).isEqualTo("Competition");
        });
    }

    @Test
    void onlyTheBoilerplateSentenceIsBlankedNotTheSentencesAroundIt() {
        String before = "Our regulatory approval came in January. ";
        String text = before + NOTICE + "We expect more next year.";

        List<TopicTag> tags = tagger.tag(text);

        assertThat(tags).extracting(TopicTag::getTopicId).containsExactly("guidance", "regulation");
        assertThat(tags.get(1).getEvidence()).singleElement().satisfies(span ->
                assertThat(text.substring(span.getStart(), span.getEnd())).isEqualTo("regulatory"));
        assertThat(tags.get(0).getEvidence()).singleElement().satisfies(span -> {
            assertThat(span.getStart()).isEqualTo(before.length() + NOTICE.length());
            assertThat(text.substring(span.getStart(), span.getEnd())).isEqualTo("We expect");
        });
    }

    @Test
    void recognisesTheNoticeAsVerbatimSpeechSaysIt() {
        assertThat(tagger.tag("Um, we'll make forward, uh, looking statements, which carry competitive risks.")).isEmpty();
        assertThat(tagger.tag("This call is covered by the safe harbor for regulatory matters.")).isEmpty();
        assertThat(tagger.tag("We'll discuss non-GAAP measures; the reconciliation to GAAP and the competition"
                + " data are in the release.")).isEmpty();
        assertThat(tagger.tag("We'll be discussing, uh, competitive wins, which are non-gap measures explained in the"
                + " release.")).isEmpty();
    }

    @Test
    void aRealSentenceThatMentionsNonGaapStillTags() {
        assertThat(tagger.tag("On a non-GAAP basis we beat the competition this quarter."))
                .extracting(TopicTag::getTopicId).containsExactly("competition");
    }

    @Test
    void keepsTheTextsLengthSoEveryOffsetStillFits() {
        String text = "Competition is up. " + NOTICE + "Really.";

        String blanked = SafeHarbourSentences.blank(text);

        assertThat(blanked).hasSameSizeAs(text).startsWith("Competition is up. ").endsWith("Really.");
        assertThat(blanked.substring(19, 19 + NOTICE.length())).isBlank();
    }
}
