package io.callstream.ingest.parse;

import java.util.List;

/**
 * A paragraph with its transport artefacts removed, and what they said.
 *
 * @param text      the spoken text, whitespace normalised
 * @param wordCount how many words {@code text} has (see {@link Words})
 * @param markers   the call-time markers that stood in the text, positioned by word index within it
 * @param phonetic  whether a word was marked as phonetically spelled
 */
record CleanedText(String text, int wordCount, List<CallTimeMarker> markers, boolean phonetic) {

    CleanedText {
        markers = List.copyOf(markers);
    }
}
