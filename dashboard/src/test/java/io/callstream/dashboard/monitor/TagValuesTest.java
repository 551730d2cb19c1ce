package io.callstream.dashboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagValuesTest {

    @Test
    void keepsTheFirstValuesAndCallsLaterNewOnesOther() {
        TagValues values = new TagValues(2);

        assertThat(values.admit("guidance")).isEqualTo("guidance");
        assertThat(values.admit("demand")).isEqualTo("demand");
        assertThat(values.admit("margins")).isEqualTo("other");
        assertThat(values.admit("guidance")).as("admitted before").isEqualTo("guidance");
    }
}
