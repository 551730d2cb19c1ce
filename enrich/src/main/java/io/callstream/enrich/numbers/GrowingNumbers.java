package io.callstream.enrich.numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.callstream.avro.NumberMention;
import io.callstream.enrich.text.Blanks;

/**
 * {@link NumberExtractor#find} for a growing text. The extractor runs readers (the amounts pattern, then each period
 * pattern), each a scan of successive matches, and then keeps the widest of overlapping proposals. Here each scan's
 * matches are kept, and a text that extends the last one is scanned again only from near its end.
 *
 * <p>Why that is exact. A scan goes from offset to offset: a start test ({@link StartScan.Starts}) rules an offset out
 * or lets the pattern be attempted there; a match is read, and the scan goes on from its end. A longer text can
 * change only the steps that read where the last text ended:
 * <ul>
 * <li>an attempt reads nothing after the end of the last text where its matcher did not hit that end
 * ({@link java.util.regex.Matcher#hitEnd}: the regex engine's own record that more input could not change the
 * result, which {@link java.util.Scanner} relies on for the same purpose), and then its match, groups and all, or its
 * failure is the same in any longer text. So a scan records the first attempt that did hit the end
 * ({@link StartScan.Attempts#firstEndHit}); attempts are made in text order, so none before it did;</li>
 * <li>a start test reads no further than {@link StartScan.Starts#words} words from its offset, so it rules the same
 * in any longer text at an offset more words than that before the last text's last word (which more characters could
 * lengthen);</li>
 * <li>a match is read from its groups and the text before it, and from the character after it ("(1)"): the same
 * where the match ends before the end of the last text.</li>
 * </ul>
 * So the scan of the longer text takes the same steps as the last scan up to the first of those three that could
 * differ, and resumes there with the matches found before it kept: at that attempt, at that start test, or at the
 * start of the first match not kept, but never inside a kept match (whose insides a scan skips). Most resumptions are
 * in the last few words. The proposals are then settled as {@link NumberExtractor} settles them.
 */
final class GrowingNumbers {

    /** Characters before an extended text's new part in which a cue word new to it may start: more than any cue. */
    private static final int CUE_ROOM = 16;

    /** One scan per reader: the amounts first, then the periods, as {@link NumberExtractor} proposes them. */
    private static final int SCANS = 1 + Periods.readers();

    /** Per scan, the most words its reader's start test reads from an offset ({@link StartScan.Starts#words}). */
    private static final int[] TESTED_WORDS = testedWords();
    /** The most of {@link #TESTED_WORDS}: how far back a text's word starts are looked for. */
    private static final int MOST_TESTED_WORDS = Arrays.stream(TESTED_WORDS).max().orElseThrow();

    /** Per reader, its matches in the last text, or null where it did not run (its cue words were absent). */
    private final List<List<ScannedMatch>> scans = new ArrayList<>();
    /**
     * Per reader, the offset in the last text of the first attempt of its last scan that hit that text's end, or the
     * text's length where none did: every earlier step of the scan holds in a longer text, as far as its attempts go.
     */
    private final int[] firstEndHits = new int[SCANS];
    /** The mentions reported last, by the candidate each reports: a settled one need not be built again. */
    private Map<Candidate, NumberMention> reported = Map.of();

    GrowingNumbers() {
        for (int i = 0; i < SCANS; i++) {
            scans.add(null);
        }
    }

    /**
     * The mentions of {@code text}, a non-blank text whose first {@code readBefore} characters are the whole text of
     * the last call (0 when it does not extend it).
     */
    List<NumberMention> read(String text, int readBefore) {
        // The readers' cue words are ASCII, and lower-casing maps each character alone (but for a final sigma,
        // which is no ASCII): a cue new to an extended text ends in its new part and starts at most a few characters
        // before it. So an extended text's check needs only its tail, as long as the last text passed it.
        String lowerCase = (readBefore > 0 ? text.substring(Math.max(0, readBefore - CUE_ROOM)) : text)
                .toLowerCase(Locale.ROOT);
        // wordStarts[n - 1]: the start of the n-th word before the last text's last word
        int[] wordStarts = readBefore > 0 ? wordStarts(text, readBefore, MOST_TESTED_WORDS) : new int[0];
        int[] from = new int[SCANS]; // where each scan resumes, -1 where its reader does not run
        int firstFrom = text.length();
        for (int i = 0; i < SCANS; i++) {
            List<ScannedMatch> matches = scans.get(i);
            boolean worthRunning = readBefore > 0 && matches != null
                    || (i == 0 ? Quantities.worthRunning(lowerCase) : Periods.worthRunning(i - 1, lowerCase));
            if (!worthRunning) {
                scans.set(i, null); // not run, as the extractor would not run it
                from[i] = -1;
                continue;
            }
            // Where the last scan's steps may first differ in this text: see above.
            int tested = TESTED_WORDS[i] <= wordStarts.length ? wordStarts[TESTED_WORDS[i] - 1] : 0;
            int settled = Math.min(Math.min(firstEndHits[i], tested), readBefore);
            if (matches == null || settled == 0) {
                // first run of this reader on this turn (its cue is new), or nothing settled: scan it all
                scans.set(i, new ArrayList<>());
                from[i] = 0;
            } else {
                from[i] = resumeAt(matches, settled, readBefore);
            }
            firstFrom = Math.min(firstFrom, from[i]);
        }
        // The word starts and marks the readers try, found once for all of them from the first resumption on.
        StartScan.WordStarts words = new StartScan.WordStarts(text, firstFrom, text.length());
        List<Candidate> proposed = new ArrayList<>();
        for (int i = 0; i < SCANS; i++) {
            List<ScannedMatch> matches = scans.get(i);
            if (matches == null) {
                continue;
            }
            firstEndHits[i] = i == 0 ? Quantities.scan(words, from[i], matches)
                    : Periods.scan(words, i - 1, from[i], matches);
            for (ScannedMatch match : matches) {
                proposed.addAll(match.candidates());
            }
        }
        if (readBefore == 0) {
            reported = Map.of(); // a revised text: a mention's words may differ where its candidate does not
        }
        return report(text, settle(proposed));
    }

    /**
     * Drops the matches a resumed scan must find again (those starting at or after {@code settled}, and one ending
     * at the end of the last text, {@code readBefore}) and says where that scan starts: at {@code settled}, or at the
     * start of the first match dropped, but not before the end of the last match kept.
     */
    private static int resumeAt(List<ScannedMatch> matches, int settled, int readBefore) {
        int from = settled;
        // Matches are in text order, neither starts nor ends going back: those to drop are the last ones.
        while (!matches.isEmpty() && (matches.get(matches.size() - 1).start() >= settled
                || matches.get(matches.size() - 1).end() >= readBefore)) {
            ScannedMatch dropped = matches.remove(matches.size() - 1);
            from = Math.min(from, dropped.start());
        }
        // A kept match started before the first attempt that hit the end, so the scan went on from its end.
        return matches.isEmpty() ? from : Math.max(from, matches.get(matches.size() - 1).end());
    }

    private static int[] testedWords() {
        int[] tested = new int[SCANS];
        tested[0] = Quantities.STARTS.words();
        for (int reader = 0; reader < Periods.readers(); reader++) {
            tested[1 + reader] = Periods.startsWords(reader);
        }
        return tested;
    }

    /**
     * The starts of the words before the last word of the first {@code readBefore} characters of {@code text} (which
     * more characters could lengthen): element {@code n - 1} is the start of the {@code n}th word before it; up to
     * {@code most} of them, fewer where there are fewer. Words are runs of what is not {@code \s}, as the patterns and
     * start tests see them.
     */
    static int[] wordStarts(String text, int readBefore, int most) {
        int[] starts = new int[most];
        int counted = -1; // the last word is not counted
        int i = readBefore;
        while (i > 0) {
            while (i > 0 && Blanks.isBlank(text.charAt(i - 1))) {
                i--;
            }
            int end = i;
            while (i > 0 && !Blanks.isBlank(text.charAt(i - 1))) {
                i--;
            }
            if (end > i) {
                counted++;
                if (counted > 0) {
                    starts[counted - 1] = i;
                    if (counted == most) {
                        return starts;
                    }
                }
            }
        }
        return Arrays.copyOf(starts, Math.max(0, counted));
    }

    /** The proposals {@link NumberExtractor} keeps: widest first, none overlapping one kept before; in text order. */
    private static List<Candidate> settle(List<Candidate> proposed) {
        // A stable sort of the proposals in the extractor's order, so that ties fall as they fall there.
        proposed.sort(NumberExtractor.PREFERRED);
        TreeMap<Integer, Candidate> kept = new TreeMap<>();
        for (Candidate c : proposed) {
            // Kept ones do not overlap, so the one starting last before c ends is the only one that can reach c.
            Map.Entry<Integer, Candidate> before = kept.lowerEntry(c.end());
            if (before == null || !before.getValue().overlaps(c)) {
                kept.put(c.start(), c);
            }
        }
        return new ArrayList<>(kept.values()); // by start: text order
    }

    private List<NumberMention> report(String text, List<Candidate> kept) {
        Map<Candidate, NumberMention> now = new HashMap<>();
        List<NumberMention> mentions = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            NumberMention m = reported.get(c);
            if (m == null) {
                m = NumberExtractor.mention(text, c);
            }
            now.put(c, m);
            mentions.add(m);
        }
        reported = now;
        return List.copyOf(mentions);
    }
}
