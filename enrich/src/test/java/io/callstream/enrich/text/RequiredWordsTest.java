package io.callstream.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequiredWordsTest {

    @Test
    void letsATextThroughOnlyWhenEveryGroupHasOneOfItsWords() {
        RequiredWords words = RequiredWords.anyOf("not", "n't").andAnyOf("comment", "disclose");
        assertThat(words.mayMatch("we won't comment")).isTrue();
        assertThat(words.mayMatch("we do not disclose that")).isTrue();
        assertThat(words.mayMatch("we won't say")).as("no verb").isFalse();
        assertThat(words.mayMatch("no comment")).as("no negation").isFalse();
    }

    @Test
    void refusesWordsThatALowerCasedTextCouldNotHold() {
        assertThatThrownBy(() -> RequiredWords.anyOf("Question")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequiredWords.anyOf("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequiredWords.anyOf()).isInstanceOf(IllegalArgumentException.class);
    }
}
