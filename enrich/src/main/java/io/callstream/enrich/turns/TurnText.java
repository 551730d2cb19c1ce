package io.callstream.enrich.turns;

/** Joins a turn's lines into one clean text: single spaces, no doubled blanks at the seams. */
final class TurnText {

    private TurnText() {
    }

    static String append(String text, String line) {
        String next = normalize(line);
        if (text.isEmpty()) {
            return next;
        }
        if (next.isEmpty()) {
            return text;
        }
        return text + ' ' + next;
    }

    static String normalize(String line) {
        return line == null ? "" : line.strip().replaceAll("\\s+", " ");
    }
}
