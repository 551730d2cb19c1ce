package io.callstream.ingest.parse;

/**
 * A call time read from the text: the word at {@code wordIndex} (counted from 0, words only) was
 * spoken {@code offsetMs} after the call began.
 */
record CallTimeMarker(long wordIndex, long offsetMs) {

    CallTimeMarker {
        if (wordIndex < 0 || offsetMs < 0) {
            throw new IllegalArgumentException("negative marker " + wordIndex + "@" + offsetMs);
        }
    }
}
