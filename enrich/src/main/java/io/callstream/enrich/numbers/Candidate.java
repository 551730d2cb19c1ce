package io.callstream.enrich.numbers;

import io.callstream.avro.NumberKind;

/**
 * A mention one reader proposes, before overlaps between readers are settled ({@link NumberExtractor}).
 *
 * @param start      offset of the first character in the text
 * @param end        offset just past the last character
 * @param kind       what kind of number it is
 * @param value      its value, or null where it has none (periods)
 * @param unit       its unit, or null
 * @param normalized its normalized reading
 */
record Candidate(int start, int end, NumberKind kind, Double value, String unit, String normalized) {

    int width() {
        return end - start;
    }

    boolean overlaps(Candidate other) {
        return start < other.end && other.start < end;
    }
}
