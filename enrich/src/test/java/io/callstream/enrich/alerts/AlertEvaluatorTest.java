package io.callstream.enrich.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.NumberKind;
import io.callstream.avro.NumberMention;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Span;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TopicTag;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

    private static final String RAISE = "I think it probably makes sense to raise capital.";

    private static AlertEvaluator evaluator(String when) {
        return new AlertEvaluator(AlertRulesParser.parse("t.yaml", new StringReader(
                "id: t\nversion: '1'\nrules:\n  - id: r\n    title: T\n    severity: HIGH\n    when:\n" + when),
                Set.of("capital-raise", "guidance", "cash-burn")));
    }

    private static EnrichedTurn turn(int index, Role role, Section section, String text, List<TopicTag> topics,
                                     List<NumberMention> numbers, Span forwardLooking) {
        SpeakerTurn turn = SpeakerTurn.newBuilder().setCallId("c").setTurnIndex(index).setVersion(0)
                .setStatus(Status.PARTIAL).setSpeaker(Speaker.newBuilder().setLabel("X").setRole(role).build())
                .setSection(section).setText(text).setLineCount(1).setFirstLineId("L0").setLastLineId("L0")
                .setFirstSeq(0).setLastSeq(0).setStartOffsetMs(0).setEndOffsetMs(1000)
                .setFirstObservedAt(Instant.EPOCH).setLastObservedAt(Instant.EPOCH).build();
        return EnrichedTurn.newBuilder().setTurn(turn).setTopics(topics).setNumbers(numbers)
                .setForwardLooking(forwardLooking != null).setForwardLookingEvidence(forwardLooking).build();
    }

    private static TopicTag tag(String topicId, String text, String words) {
        int at = text.indexOf(words);
        return new TopicTag(topicId, topicId, "general", "1", List.of(new Span(at, at + words.length(), words)),
                null, null, null);
    }

    private static EnrichedTurn executiveSays(String text, List<TopicTag> topics) {
        return turn(3, Role.EXECUTIVE, Section.QUESTIONS_AND_ANSWERS, text, topics, List.of(), null);
    }

    @Test
    void firesWhenTheTopicAndRoleHoldWithTheTopicsEvidence() {
        AlertEvaluator e = evaluator("      topics: [capital-raise]\n      roles: [EXECUTIVE]\n");
        EnrichedTurn t = executiveSays(RAISE, List.of(tag("capital-raise", RAISE, "raise capital")));

        assertThat(e.evaluate(t, Map.of())).singleElement().satisfies(f -> {
            assertThat(f.topicIds()).containsExactly("capital-raise");
            assertThat(f.evidence()).extracting(Span::getText).containsExactly("raise capital");
        });
    }

    @Test
    void doesNotFireForAnotherRoleOrWithoutTheTopic() {
        AlertEvaluator e = evaluator("      topics: [capital-raise]\n      roles: [EXECUTIVE]\n");
        EnrichedTurn analyst = turn(3, Role.ANALYST, Section.QUESTIONS_AND_ANSWERS, RAISE,
                List.of(tag("capital-raise", RAISE, "raise capital")), List.of(), null);

        assertThat(e.evaluate(analyst, Map.of())).isEmpty();
        assertThat(e.evaluate(executiveSays(RAISE, List.of()), Map.of())).isEmpty();
    }

    @Test
    void needsANumberOfTheGivenKindAndTheForwardLookingStatement() {
        String text = "We expect deliveries of 50,000 cars and margins of 25%.";
        AlertEvaluator e = evaluator("      topics: [guidance]\n      forwardLooking: true\n      numbers: true\n"
                + "      numberKinds: [PERCENT]\n");
        Span expect = new Span(0, 9, "We expect");
        NumberMention cars = new NumberMention(NumberKind.QUANTITY, new Span(24, 30, "50,000"), 5e4, "cars", "50000 cars");
        NumberMention pct = new NumberMention(NumberKind.PERCENT, new Span(51, 54, "25%"), 25.0, "%", "25%");
        List<TopicTag> guidance = List.of(tag("guidance", text, "We expect"));

        assertThat(e.evaluate(turn(1, Role.EXECUTIVE, Section.UNKNOWN, text, guidance, List.of(cars), expect),
                Map.of())).as("a quantity is not a percentage").isEmpty();
        assertThat(e.evaluate(turn(1, Role.EXECUTIVE, Section.UNKNOWN, text, guidance, List.of(cars, pct), null),
                Map.of())).as("not forward-looking").isEmpty();
        assertThat(e.evaluate(turn(1, Role.EXECUTIVE, Section.UNKNOWN, text, guidance, List.of(cars, pct), expect),
                Map.of())).singleElement()
                .satisfies(f -> assertThat(f.evidence()).extracting(Span::getText).containsExactly("We expect", "25%"));
    }

    @Test
    void firstMentionHoldsOnlyOnTheFirstTurnWithTheTopic() {
        AlertEvaluator e = evaluator("      topics: [cash-burn]\n      firstMention: true\n");
        String text = "Cash burn was lower.";
        EnrichedTurn t = executiveSays(text, List.of(tag("cash-burn", text, "Cash burn")));

        assertThat(e.evaluate(t, Map.of())).hasSize(1);
        assertThat(e.evaluate(t, Map.of("cash-burn", 3))).as("a later snapshot of the same turn").hasSize(1);
        assertThat(e.evaluate(t, Map.of("cash-burn", 1))).as("mentioned on turn 1 already").isEmpty();
    }

    @Test
    void declinedHoldsForAnExecutivesRefusalNotForAnAnalystsWords() {
        AlertEvaluator e = evaluator("      declined: true\n");
        String text = "We don't break that down.";

        assertThat(e.evaluate(executiveSays(text, List.of()), Map.of())).singleElement()
                .satisfies(f -> assertThat(f.evidence()).isNotEmpty());
        assertThat(e.evaluate(turn(2, Role.ANALYST, Section.QUESTIONS_AND_ANSWERS, text, List.of(), List.of(), null),
                Map.of())).isEmpty();
    }

    @Test
    void phrasesMatchWholeWordsInAnyCase() {
        AlertEvaluator e = evaluator("      phrases: [\"going concern\"]\n");

        assertThat(e.evaluate(executiveSays("No GOING  concern doubt.", List.of()), Map.of())).hasSize(1);
        assertThat(e.evaluate(executiveSays("Ongoing concerns remain.", List.of()), Map.of())).isEmpty();
    }

    @Test
    void excerptIsTheSentenceAroundTheFirstEvidence() {
        String text = "Thanks. " + RAISE + " Anyway, next.";
        int at = text.indexOf("raise capital");

        assertThat(Excerpts.around(text, new Span(at, at + 13, "raise capital"))).isEqualTo(RAISE);
    }
}
