package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.callstream.avro.Span;
import io.callstream.avro.TopicTag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped taxonomies on sentences of the bundled Tesla Q4 2016 call, as ingest delivers them. */
class TopicTaggerTeslaTest {

    private static TopicTagger tagger;

    @BeforeAll
    static void buildTagger() {
        tagger = TopicTagger.of(TaxonomySet.defaults().forTicker("TSLA"));
    }

    @AfterAll
    static void closeTagger() {
        tagger.close();
    }

    @Test
    void elonSayingItMakesSenseToRaiseCapitalIsACapitalRaise() {
        String text = "Well, so this is really a question of what's the risk tolerance of the company, or how close to"
                + " the edge do we want to go. According to our financial plan, no capital needs to be raised for the"
                + " Model 3, but we get very close to the edge. So, then that's probably not the best thing for"
                + " shareholders on a risk adjusted basis. So, we're considering a number of options, but I think it"
                + " probably makes sense to raise capital to reduce risk.";

        List<TopicTag> tags = tagger.tag(text, "TSLA");

        assertThat(tags).extracting(TopicTag::getTopicId).containsExactly("capital-raise");
        assertThat(tags.get(0).getTaxonomyId()).isEqualTo("general");
        assertThat(tags.get(0).getEvidence()).extracting(Span::getText)
                .containsExactly("capital needs to be raised", "raise capital");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "First of all, I'd like to announce that our CFO, Jason Wheeler, has decided to leave Tesla in April, so at"
                + " the end of next month, to pursue opportunities in public policy. Jason will be replaced by Deepak"
                + " Ahuja, who is Tesla's first CFO.| management",
        "Sure. Well, there is obviously quite a strong effort by UAW to unionize Tesla. And the fact of the matter is"
                + " that over the last few months, Tesla's injury rate is less than half of the industry average.| labor",
        "Now, longitudinal control, the Traffic-Aware Cruise Control is at 80 miles an hour. And Autosteer is at 50"
                + " miles an hour.| autopilot",
        "And we've been able to renegotiate payment terms with just about everybody and stretch out those payables."
                + "| working-capital",
        "Last quarter, we were able to sell only a tiny amount of ZEV credits, because the ZEV mandate is just"
                + " already really weak.| regulation",
        "I do want to emphasize with production ramps in general that they follow an S curve.| production-ramp",
        "Yes, so the debt activity just comes from draws on our asset-backed line and our warehouse lines.| financing",
        "Sure, I think the way to think about it is we're going to continue to drive efficiencies in G&A.| opex",
        "And then we think the current Gigafactory should actually be able to do in excess of 100 gigawatt-hours."
                + "| gigafactory",
        "Then, if you continue this Model X rate, you're at $2.5 billion of gross from that.| model-s-x",
        // The general rule wants a unit beside a weekly rate ("5,000 cars a week"); the Tesla watchlist knows the
        // Model 3's.
        "Well, I feel pretty confident that we should get there by the end of this year, to 5,000 a week."
                + "| guidance model-3-ramp",
    })
    void aTeslaSentenceGetsItsTopics(String text, String topics) {
        assertThat(tagger.tag(text, "TSLA")).extracting(TopicTag::getTopicId)
                .containsExactly(topics.strip().split(" "));
    }

    @Test
    void partsOrdersWithSuppliersAreSupplyNotDemand() {
        String text = "So, when we place parts orders with our suppliers, we've told them 1,000 a week in July, 2,000 a"
                + " week in August, and 4,000 a week in September. These are parts orders.";

        assertThat(tagger.tag(text, "TSLA")).extracting(TopicTag::getTopicId)
                .contains("supply-chain").doesNotContain("demand");
    }

    @Test
    void passingWordsDoNotMakeATopic() {
        // "in order to" is not an order, "the line" is not a production line, a "source" is not sourcing.
        assertThat(tagger.tag("Well, it's just that in order to scale, we don't want to make the line longer.", "TSLA"))
                .isEmpty();
        assertThat(tagger.tag("I admire long-term thinking, but it's impressive.", "TSLA")).isEmpty();
        assertThat(tagger.tag("If we need to, we will in-source it.", "TSLA")).isEmpty();
    }

    @Test
    void anotherCompanysCallGetsNoTeslaTopics() {
        try (TopicTagger general = TopicTagger.of(TaxonomySet.defaults().forTicker("GM"))) {
            assertThat(general.tag("And Autosteer is at 50 miles an hour, and the Gigafactory is ramping.", "GM"))
                    .extracting(TopicTag::getTaxonomyId).doesNotContain("tsla");
        }
    }
}
