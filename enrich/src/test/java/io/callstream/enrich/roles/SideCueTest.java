package io.callstream.enrich.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SideCueTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Hey, good morning. Thanks for taking my question.",
            "Thank you. I have two questions. First, about the shortage of components.",
            "Hi, um, my first question is on the ramp.",
            "Good afternoon, and congratulations on the numbers.",
            "Got it, thanks for the color.",
            "That's all from me. I'll turn it back."
    })
    void hearsACaller(String opening) {
        assertThat(SideCue.of(opening)).isEqualTo(Role.ANALYST);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Thanks for the question, Adam. We see demand holding up.",
            "That's a great question.",
            "Uh, to answer your question about the display, yes.",
            "You're welcome, Mark.",
            "Thank you, operator. Welcome everyone to our third quarter call."
    })
    void hearsTheCompany(String opening) {
        assertThat(SideCue.of(opening)).isEqualTo(Role.EXECUTIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Okay. Thanks, Will. Now, I've got a question from Anthony on the order book.",
            "We have two questions from the console that we will answer now.",
            "Thank you.",
            "Revenue grew 12% in the quarter.",
            ""
    })
    void staysSilentWhereTheWordsDoNotTellTheSide(String opening) {
        assertThat(SideCue.of(opening)).isEqualTo(Role.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Got it, thank you. thank you.", "Perfect. Now, very clear. Thank you very much.",
            "Great, thank you very much. That's very clear.", "Understood. Many thanks."})
    void hearsACallerTakingInAnAnswer(String line) {
        assertThat(SideCue.takesInAnswer(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Okay.", "Thanks, Adam. So the margin came in where we said it would, for two reasons.",
            "Thank you. We see demand holding up in every region."})
    void doesNotTakeAnAnswersOpeningForThanks(String line) {
        assertThat(SideCue.takesInAnswer(line)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void readsOnlyTheOpeningWords() {
        String late = "We had a strong quarter. ".repeat(20) + "Thanks for taking my question.";
        assertThat(SideCue.of(late)).isEqualTo(Role.UNKNOWN);
    }
}
