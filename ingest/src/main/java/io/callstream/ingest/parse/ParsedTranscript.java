package io.callstream.ingest.parse;

import java.util.List;

/**
 * A whole transcript, parsed: its lines in the order they were spoken.
 *
 * @param title a title line when the transcript has one, else null
 * @param hints what the transcript itself says about the call (company, period, start), for flags to override
 * @param lines the lines of speech, in call order, with non-decreasing {@code callOffsetMs}
 */
public record ParsedTranscript(String title, CallHints hints, List<ParsedLine> lines) {

    public ParsedTranscript {
        hints = hints == null ? CallHints.NONE : hints;
        lines = List.copyOf(lines);
    }

    /** A transcript that says nothing about its call beyond, perhaps, a title. */
    public ParsedTranscript(String title, List<ParsedLine> lines) {
        this(title, CallHints.NONE, lines);
    }
}
