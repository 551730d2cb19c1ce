package io.callstream.enrich.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.Span;
import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForwardLookingTest {

    // The three cues first, as written there; the confident one is Elon Musk's answer in the bundled call.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "For the full year, we expect deliveries of 47,000 to 50,000.|we expect",
        "I think we should be able to get Autosteer to 80 miles an hour.|should be able to",
        "Well, I feel pretty confident that we should get there by the end of this year, to 5,000 a week."
                + "|I feel pretty confident that we should",
        "We anticipate positive GAAP net income in Q3.|We anticipate",
        "We're targeting 5,000 a week by the end of the year.|We're targeting",
        "We plan to start production in July.|We plan",
        "We will deliver 5,000 cars a week by the end of this year.|We will",
        "We're on track to start production in July.|We're on track",
        "Our guidance for 2017 is 47,000 to 50,000 deliveries.|Our guidance",
        "We are raising our full-year outlook to $2 billion.|We are raising our full-year outlook",
        "I would expect to see gross margins comparable to that of the Model S.|I would expect",
        "I currently think that we should build to 500,000 vehicles next year.|we should build",
        "But it will ramp and start scaling at the end of this year.|at the end of this year",
        "And we're on track to go get that.|we're on track",
        "So we\u2019ll have the factory running in the second half of this year.|we\u2019ll",
    })
    void findsTheCueWithOffsetsIntoTheText(String text, String cue) {
        Span span = ForwardLooking.find(text).orElseThrow();
        assertThat(span.getText()).isEqualTo(cue);
        assertThat(text.substring(span.getStart(), span.getEnd())).isEqualTo(cue);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // past, reported or counterfactual
        "Deliveries came in as we expected.",
        "Margins were lower than we expected in the fourth quarter.",
        "Last year we said we would get there, and we did.",
        "We said we will deliver 50,000 and we delivered 76,000.",
        "I would have expected more demand in Q4.",
        // a question is not a statement
        "Do you expect margins to improve in the second half?",
        "And what do you expect for deliveries next year?",
        "When will the Model 3 be profitable, and do you expect to raise capital?",
        // the safe-harbor disclaimer
        "During this call, we will discuss our business outlook and make forward-looking statements.",
        "Our presentation includes forward looking statements. Actual results may differ materially from those"
                + " suggested by our comments today.",
        "These statements are subject to risks and uncertainties, and we expect no obligation to update them.",
        // the call's agenda, and refusals
        "We will now begin the question-and-answer session.",
        "We'll take our next question from the line of Adam Jonas.",
        "We don't give guidance on margins by quarter.",
        "I think we'll reserve powered drive flow announcements later this year.",
        "Thank you for the guidance on costs.",
        // "we will" with nothing to come named
        "We will continue to look for opportunities.",
        "We'll see how it goes.",
    })
    void leavesPastQuestionsDisclaimersAndAgendaAlone(String text) {
        assertThat(ForwardLooking.find(text)).isEmpty();
    }

    @Test
    void findsTheFirstCueAfterAQuestionAndTheDisclaimer() {
        String text = "Do you expect to raise capital? Before we start, remember that our comments include"
                + " forward-looking statements. We expect to end the year with $3 billion in cash. We plan to ...";
        Span span = ForwardLooking.find(text).orElseThrow();
        assertThat(span.getText()).isEqualTo("We expect");
        assertThat(span.getStart()).isEqualTo(text.indexOf("We expect"));
        assertThat(ForwardLooking.isForwardLooking(text)).isTrue();
    }

    /**
     * The cues are found in one pass over each sentence's word starts: the statement must be the one found cue by
     * cue, each pattern at every offset, on every turn and every paragraph of every real call we have.
     */
    @Test
    void findsTheStatementTheCuesFindOneByOne() {
        java.util.List<String> texts = new java.util.ArrayList<>(TranscriptTurns.tesla());
        texts.addAll(TranscriptTurns.teslaParagraphs());
        for (java.nio.file.Path file : TranscriptTurns.sharedCalls()) {
            for (java.util.List<String> lines : TranscriptTurns.turnLines(file)) {
                texts.add(TranscriptTurns.join(lines));
                texts.addAll(lines);
            }
        }
        int found = 0;
        for (String text : texts) {
            java.util.Optional<Span> expected = ForwardLooking.findCueByCue(text);
            assertThat(ForwardLooking.find(text)).as(text).isEqualTo(expected);
            found += expected.isPresent() ? 1 : 0;
        }
        assertThat(found).as("statements found").isGreaterThan(TurnLines.floor(200, 10));
    }

    @Test
    void findsNothingInNullOrBlankText() {
        assertThat(ForwardLooking.find(null)).isEmpty();
        assertThat(ForwardLooking.find(" ")).isEmpty();
    }

    /**
     * {@link ForwardLooking#endOfSentence} ends sentences where the pattern it stands for does, from every offset of
     * real turns and of texts made of stops, closers, spaces and line terminators (those {@code $} fits before at a
     * text's end among them).
     */
    @Tag("sweep")
    @Test
    void endsSentencesWhereThePatternDoes() {
        java.util.List<String> texts = new java.util.ArrayList<>(TranscriptTurns.tesla());
        for (java.nio.file.Path file : TranscriptTurns.sharedCalls()) {
            texts.addAll(TranscriptTurns.turns(file));
        }
        String[] pieces = {".", "?", "!", "\u2026", "'", "\"", "\u2019", "\u201d", ")", "(", " ", "\t", "\n", "\r",
            "\r\n", "\u000B", "\f", "\u0085", "\u2028", "\u2029", "\u00a0", "\u2018", "\u201c", "a", "B", "1", ",",
            "-", "...", "?!", ".)", ".\u201d", "e.g.", "U.S."};
        java.util.Random random = new java.util.Random(20240613);
        for (int t = 0; t < 20_000; t++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(10);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            texts.add(text.toString());
        }
        long ends = 0;
        for (String text : texts) {
            java.util.regex.Matcher m = ForwardLooking.sentenceEnd().matcher(text);
            for (int from = 0; from <= text.length(); from++) {
                int expected = m.find(from) ? m.end() : -1;
                assertThat(ForwardLooking.endOfSentence(text, from)).as("from %d of \"%s\"", from, text)
                        .isEqualTo(expected);
                ends += expected >= 0 ? 1 : 0;
            }
        }
        assertThat(ends).isGreaterThan(100_000);
    }
}
