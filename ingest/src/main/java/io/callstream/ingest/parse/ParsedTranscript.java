package io.callstream.ingest.parse;

import java.util.List;

/**
 * A whole transcript, parsed: its lines in the order they were spoken.
 *
 * @param title a title line when the transcript has one, else null
 * @param lines the lines of speech, in call order, with non-decreasing {@code callOffsetMs}
 */
public record ParsedTranscript(String title, List<ParsedLine> lines) {

    public ParsedTranscript {
        lines = List.copyOf(lines);
    }
}
