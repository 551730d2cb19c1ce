package io.callstream.enrich.numbers;

import java.util.List;

/**
 * One match of a reader's pattern, with the candidates it yields (possibly none: a match can be read and then
 * dropped, as "Model 3" is). Kept by {@link GrowingTurnNumbers} so that a growing text's settled matches need not be
 * found again.
 *
 * @param start      offset of the match's first character
 * @param end        offset just past the match
 * @param candidates what the match yields, in the order the reader proposes them
 */
record ScannedMatch(int start, int end, List<Candidate> candidates) {
}
