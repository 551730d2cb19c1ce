package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParagraphStampTest {

    @Test
    void readsMinutesAndSeconds() {
        assertThat(ParagraphStamp.read("(02:13) Thank you, Maureen.")).contains(new ParagraphStamp(133_000, "Thank you, Maureen."));
    }

    @Test
    void readsHoursMinutesAndSeconds() {
        assertThat(ParagraphStamp.read("(1:02:09) Next question.")).contains(new ParagraphStamp(3_729_000, "Next question."));
    }

    @Test
    void readsMinutesPastAnHourWhenTheFileNeverSwitchesToHours() {
        assertThat(ParagraphStamp.read("(75:02) Right.")).contains(new ParagraphStamp(4_502_000, "Right."));
    }

    @Test
    void readsAStampWithNothingAfterIt() {
        assertThat(ParagraphStamp.read("(00:10)")).contains(new ParagraphStamp(10_000, ""));
    }

    @Test
    void takesOnlyAStampThatOpensTheLine() {
        assertThat(ParagraphStamp.read("We met at (10:30) sharp.")).isEmpty();
        assertThat(ParagraphStamp.read("Speaker 1")).isEmpty();
    }

    @Test
    void refusesSecondsPastFiftyNine() {
        assertThat(ParagraphStamp.read("(10:75) Hello.")).isEmpty();
    }

    @Test
    void keepsALaterTimeInTheTextAsText() {
        assertThat(ParagraphStamp.read("(00:05) Call me at (10:30).").orElseThrow().text()).isEqualTo("Call me at (10:30).");
    }
}
