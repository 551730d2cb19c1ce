package io.callstream.enrich.turns;

import java.util.List;

import io.callstream.enrich.text.Blanks;

/** Joins a turn's lines into one clean text: single spaces, no doubled blanks at the seams. */
public final class TurnText {

    private TurnText() {
    }

    /** The lines' texts in order, joined: derived afresh each time, so a revised line never leaves its old text. */
    public static String join(List<String> lines) {
        String text = "";
        for (String line : lines) {
            text = append(text, line);
        }
        return text;
    }

    public static String append(String text, String line) {
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
        return line == null ? "" : Blanks.collapse(line.strip());
    }
}
