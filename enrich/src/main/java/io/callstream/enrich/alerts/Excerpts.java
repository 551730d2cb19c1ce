package io.callstream.enrich.alerts;

import io.callstream.avro.Span;

/** The words around a piece of evidence that a person needs to judge an alert: its sentence, at most ~240 chars. */
final class Excerpts {

    static final int MAX = 240;

    private Excerpts() {
    }

    static String around(String text, Span span) {
        if (span == null) {
            return clip(text, 0);
        }
        int start = span.getStart();
        while (start > 0 && !endsSentence(text, start - 1)) {
            start--;
        }
        int end = span.getEnd();
        while (end < text.length() && !endsSentence(text, end - 1)) {
            end++;
        }
        if (end - start <= MAX) {
            return text.substring(start, end).strip();
        }
        // A run-on sentence (verbatim speech has many): keep a window centred on the evidence, cut at spaces.
        int from = Math.max(start, span.getStart() - (MAX - (span.getEnd() - span.getStart())) / 2);
        return clip(text, from);
    }

    private static String clip(String text, int from) {
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
            from++;
        }
        int to = Math.min(text.length(), from + MAX);
        while (to < text.length() && to > from && !Character.isWhitespace(text.charAt(to))) {
            to--;
        }
        String cut = text.substring(from, to).strip();
        return (from > 0 ? "\u2026" : "") + cut + (to < text.length() ? "\u2026" : "");
    }

    private static boolean endsSentence(String text, int at) {
        char c = text.charAt(at);
        return (c == '.' || c == '?' || c == '!') && (at + 1 >= text.length() || Character.isWhitespace(text.charAt(at + 1)));
    }
}
