package io.callstream.ingest.parse;

import java.util.List;

/**
 * A whole transcript, parsed: its lines in the order they were spoken.
 *
 * @param title a title line when the transcript has one, else null
 * @param hints what the transcript itself says about the call (company, period, start), for flags to override
 * @param lines the lines of speech, in call order, with non-decreasing {@code callOffsetMs}
 * @param sourceLines for each line of speech, the line of the text it starts on (from 1), so that a line refused
 *                    later can be found in the file; empty where the layout does not keep track (its lines are
 *                    joined from wrapped text)
 */
public record ParsedTranscript(String title, CallHints hints, List<ParsedLine> lines, List<Integer> sourceLines) {

    public ParsedTranscript {
        hints = hints == null ? CallHints.NONE : hints;
        lines = List.copyOf(lines);
        sourceLines = List.copyOf(sourceLines);
        if (!sourceLines.isEmpty() && sourceLines.size() != lines.size()) {
            throw new IllegalArgumentException(sourceLines.size() + " source lines for " + lines.size() + " lines");
        }
    }

    /** A transcript whose lines are not tied to lines of its text. */
    public ParsedTranscript(String title, CallHints hints, List<ParsedLine> lines) {
        this(title, hints, lines, List.of());
    }

    /** The line of the text where line of speech {@code index} starts, or 0 when unknown. */
    public int sourceLine(int index) {
        return sourceLines.isEmpty() ? 0 : sourceLines.get(index);
    }

    /** A transcript that says nothing about its call beyond, perhaps, a title. */
    public ParsedTranscript(String title, List<ParsedLine> lines) {
        this(title, CallHints.NONE, lines, List.of());
    }
}
