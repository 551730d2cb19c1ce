package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakingRateTimingTest {

    private static final TurnSpeaker CEO = new TurnSpeaker("Tomas Berg", "Chief Executive Officer", Role.EXECUTIVE);

    private final List<ParsedLine> lines = SpeakingRateTiming.timed(List.of(
            new SpokenParagraph(TurnSpeaker.operator(), Section.PREPARED_REMARKS, "one two three four five."),
            new SpokenParagraph(CEO, Section.PREPARED_REMARKS, "Thanks -- one two three."),
            new SpokenParagraph(CEO, Section.QUESTIONS_AND_ANSWERS, "one two.")));

    @Test
    void startsEachLineWhenTheWordsBeforeItWouldHaveBeenSaidAt150WordsAMinute() {
        // 400 ms a word; a lone dash is no word.
        assertThat(lines).extracting(ParsedLine::callOffsetMs).containsExactly(0L, 2_000L, 3_600L);
    }

    @Test
    void lastsEachLineUntilTheNextStartsAndTheLastForItsOwnWords() {
        assertThat(lines).extracting(ParsedLine::durationMs).containsExactly(2_000L, 1_600L, 800L);
    }

    @Test
    void flagsEveryLineAsInterpolated() {
        assertThat(lines).allSatisfy(line -> assertThat(line.flags()).containsExactly(LineFlag.INTERPOLATED_TIME));
    }

    @Test
    void carriesSpeakerAndSectionOver() {
        assertThat(lines.get(1)).satisfies(line -> {
            assertThat(line.speakerLabel()).isEqualTo("Tomas Berg");
            assertThat(line.affiliation()).isEqualTo("Chief Executive Officer");
            assertThat(line.role()).isEqualTo(Role.EXECUTIVE);
            assertThat(line.section()).isEqualTo(Section.PREPARED_REMARKS);
        });
        assertThat(lines.get(0).role()).isEqualTo(Role.OPERATOR);
    }
}
