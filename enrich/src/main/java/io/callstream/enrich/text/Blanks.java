package io.callstream.enrich.text;

import java.util.regex.Pattern;

/**
 * Runs of regex blanks ({@code \s}: space, tab, line feed, vertical tab, form feed, carriage return) made one space,
 * as {@code text.replaceAll("\\s+", " ")} makes them, without a regex scan where there is nothing to replace: most
 * transcript lines already have single spaces only, and that scan, run on every line by several readers, showed in
 * profiles.
 */
public final class Blanks {

    private static final Pattern RUN = Pattern.compile("\\s+");

    private Blanks() {
    }

    /** {@code text.replaceAll("\\s+", " ")}. */
    public static String collapse(String text) {
        return onlySingleSpaces(text) ? text : RUN.matcher(text).replaceAll(" ");
    }

    /** Whether every blank of {@code text} is a space standing alone: then {@link #collapse} changes nothing. */
    static boolean onlySingleSpaces(String text) {
        boolean afterSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (afterSpace) {
                    return false;
                }
                afterSpace = true;
            } else if (isBlank(c)) {
                return false;
            } else {
                afterSpace = false;
            }
        }
        return true;
    }

    /** A character of regex {@code \s}. */
    public static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
