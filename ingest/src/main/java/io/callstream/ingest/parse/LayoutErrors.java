package io.callstream.ingest.parse;

/**
 * The errors a layout's parser raises on a transcript it cannot read, worded alike across layouts: where the
 * problem is and what the user can do about it.
 */
final class LayoutErrors {

    private static final int QUOTE_CHARS = 60;

    private LayoutErrors() {
    }

    static IllegalArgumentException empty(String format) {
        return new IllegalArgumentException("The transcript is empty (no text on any line), so the " + format
                + " layout has nothing to parse: check that the file is the transcript you meant to give.");
    }

    static IllegalArgumentException noTurns(String format, String expected) {
        return new IllegalArgumentException("No speaker turn found in the " + format + " layout: expected "
                + expected + ". Check the file, or name its layout with --format.");
    }

    static IllegalArgumentException textBeforeSpeaker(String format, SourceLine line, String expected) {
        return new IllegalArgumentException("Line " + line.number() + ": text before any speaker ('"
                + quote(line.text()) + "'). In the " + format + " layout every turn begins with " + expected
                + ": add the speaker's line above line " + line.number()
                + ", or name the file's layout with --format if it is not " + format + ".");
    }

    private static String quote(String text) {
        return text.length() <= QUOTE_CHARS ? text : text.substring(0, QUOTE_CHARS) + "…";
    }
}
