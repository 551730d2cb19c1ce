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
            if (c > ' ') {
                afterSpace = false; // most characters, with one test
            } else if (c == ' ') {
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

    /**
     * Whether {@code text} holds {@code first}, one or more blanks, then {@code second}: where a pattern's every match
     * holds {@code first\\s+second}, a text for which this is false cannot match. Nothing is asked of what stands
     * before {@code first} or after {@code second}.
     */
    public static boolean holdsWordsApart(String text, String first, String second) {
        for (int at = text.indexOf(second, first.length() + 1); at >= 0; at = text.indexOf(second, at + 1)) {
            int end = at;
            while (end > 0 && isBlank(text.charAt(end - 1))) {
                end--;
            }
            if (end < at && text.startsWith(first, end - first.length())) {
                return true;
            }
        }
        return false;
    }
}
