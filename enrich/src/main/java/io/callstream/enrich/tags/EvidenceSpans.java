package io.callstream.enrich.tags;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.callstream.avro.Span;
import org.apache.lucene.monitor.HighlightsMatch;

/**
 * A match's hits as spans of the turn text: in text order, overlapping hits merged, and hits only whitespace apart
 * joined, so the words of a phrase read as one span ("raise capital", not "raise" and "capital").
 */
final class EvidenceSpans {

    private EvidenceSpans() {
    }

    static List<Span> of(String text, Collection<HighlightsMatch.Hit> hits) {
        List<HighlightsMatch.Hit> ordered = new ArrayList<>(hits);
        ordered.sort(Comparator.comparingInt((HighlightsMatch.Hit hit) -> hit.startOffset)
                .thenComparingInt(hit -> hit.endOffset));
        List<Span> spans = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (HighlightsMatch.Hit hit : ordered) {
            if (hit.startOffset < 0 || hit.endOffset > text.length() || hit.startOffset >= hit.endOffset) {
                continue; // a query without positions reports no offsets: nothing to point at
            }
            if (start >= 0 && (hit.startOffset <= end || blank(text, end, hit.startOffset))) {
                end = Math.max(end, hit.endOffset);
            } else {
                if (start >= 0) {
                    spans.add(span(text, start, end));
                }
                start = hit.startOffset;
                end = hit.endOffset;
            }
        }
        if (start >= 0) {
            spans.add(span(text, start, end));
        }
        return spans;
    }

    /**
     * {@code text.substring(from, to).isBlank()} without the copy: no white space lies outside the Basic
     * Multilingual Plane, and a surrogate is none, so reading chars is reading code points here.
     */
    static boolean blank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Span span(String text, int start, int end) {
        return Span.newBuilder().setStart(start).setEnd(end).setText(text.substring(start, end)).build();
    }
}
