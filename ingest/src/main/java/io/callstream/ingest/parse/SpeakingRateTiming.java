package io.callstream.ingest.parse;

import io.callstream.avro.LineFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Places the paragraphs of a transcript that states no call times on the call's clock by word count: a line
 * starts when the words before it would have been said at {@link CallClock}'s usual speaking rate.
 *
 * <p>Every line is flagged {@link LineFlag#INTERPOLATED_TIME}, since none of its time was read from the source.
 * A line lasts until the next one starts; the last line lasts as long as its own words take at the same rate,
 * because here that estimate is as good as any other line's, so leaving it unknown would hide nothing.
 */
final class SpeakingRateTiming {

    private SpeakingRateTiming() {
    }

    static List<ParsedLine> timed(List<SpokenParagraph> paragraphs) {
        CallClock clock = CallClock.of(List.of());
        List<ParsedLine> lines = new ArrayList<>(paragraphs.size());
        long words = 0;
        for (SpokenParagraph paragraph : paragraphs) {
            long start = clock.offsetAt(words);
            words += Words.count(paragraph.text());
            long end = clock.offsetAt(words);
            TurnSpeaker speaker = paragraph.speaker();
            lines.add(new ParsedLine(speaker.label(), speaker.affiliation(), speaker.role(), paragraph.section(),
                    paragraph.text(), start, end - start, Set.of(LineFlag.INTERPOLATED_TIME)));
        }
        return lines;
    }
}
