package io.callstream.enrich.numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.callstream.avro.NumberMention;
import io.callstream.enrich.text.Blanks;
import io.callstream.enrich.text.StartScan;

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
 * in the last few words. The proposals are then settled as {@link NumberExtractor} settles them, but those that
 * end before the first proposal the text changed and no proposal reaches over are settled as they were in the last
 * text ({@link #settleFrom}): a line costs its own proposals, not the whole turn's.
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
    /** The candidates kept in the last text, in text order, and the mentions they report, one for one. */
    private List<Candidate> lastKept = List.of();
    private List<NumberMention> lastMentions = List.of();
    /** The word starts and marks of the last text, from its start: an extended text's are found from them. */
    private StartScan.WordStarts lastWords;
    /** How many of {@link #lastKept} stand in this text: set by {@link #settleFrom}. */
    private int keptBefore;

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
        // Forgotten until this read is done: a read that fails leaves no word starts of a text the next one might
        // take for the last.
        StartScan.WordStarts lastWords = this.lastWords;
        this.lastWords = null;
        // The readers' cue words are ASCII, looked for ignoring ASCII case (AnyWord): a cue new to an extended text
        // ends in its new part and starts at most a few characters before it. So an extended text's check needs only
        // its tail, as long as the last text passed it.
        int cueFrom = readBefore > 0 ? Math.max(0, readBefore - CUE_ROOM) : 0;
        // wordStarts[n - 1]: the start of the n-th word before the last text's last word
        int[] wordStarts = readBefore > 0 ? wordStarts(text, readBefore, MOST_TESTED_WORDS) : new int[0];
        int[] from = new int[SCANS]; // where each scan resumes, -1 where its reader does not run
        int[] keptMatches = new int[SCANS]; // per scan, how many of its matches the last text's scan holds still
        int firstFrom = text.length();
        // The period readers not running yet are asked whether their cues are in the text, in one pass.
        long notRunning = 0;
        for (int i = 1; i < SCANS; i++) {
            notRunning |= readBefore > 0 && scans.get(i) != null ? 0 : 1L << (i - 1);
        }
        long periodsWorthRunning = notRunning == 0 ? 0 : Periods.worthRunning(text, cueFrom, notRunning);
        // The first start of a proposal the last text's scans made and this text's do not: see settleFrom.
        int firstChanged = Integer.MAX_VALUE;
        for (int i = 0; i < SCANS; i++) {
            List<ScannedMatch> matches = scans.get(i);
            boolean worthRunning = readBefore > 0 && matches != null
                    || (i == 0 ? Quantities.worthRunning(text, cueFrom) : (periodsWorthRunning & 1L << (i - 1)) != 0);
            if (!worthRunning) {
                scans.set(i, null); // not run, as the extractor would not run it
                from[i] = -1;
                continue;
            }
            // Where the last scan's steps may first differ in this text: see above.
            int tested = TESTED_WORDS[i] <= wordStarts.length ? wordStarts[TESTED_WORDS[i] - 1] : 0;
            int settled = Math.min(Math.min(firstEndHits[i], tested), readBefore);
            int kept = matches == null || settled == 0 ? 0 : keptMatches(matches, settled, readBefore);
            if (matches != null) {
                firstChanged = Math.min(firstChanged, firstStart(matches, kept));
            }
            if (matches == null || settled == 0) {
                // first run of this reader on this turn (its cue is new), or nothing settled: scan it all
                scans.set(i, new ArrayList<>());
                from[i] = 0;
            } else {
                from[i] = resumeAt(matches, kept, settled);
            }
            keptMatches[i] = kept;
            firstFrom = Math.min(firstFrom, from[i]);
        }
        // The word starts and marks the readers try, found once for all of them: of an extended text, the last
        // text's and those of its new part, so that a line costs its own characters, wherever the scans resume.
        StartScan.WordStarts words = readBefore > 0 && lastWords != null && lastWords.to() == readBefore
                ? lastWords.extendedTo(text) : new StartScan.WordStarts(text, 0, text.length());
        long periodsRunning = 0;
        for (int i = 1; i < SCANS; i++) {
            periodsRunning |= scans.get(i) == null ? 0 : 1L << (i - 1);
        }
        if (scans.get(0) != null) {
            firstEndHits[0] = Quantities.scan(words, from[0], scans.get(0));
        }
        if (periodsRunning != 0) {
            // the period readers in one pass over the word starts; scans and arrays by reader are by scan, from 1
            int[] periodsEndHits = new int[SCANS - 1];
            Periods.scan(words, periodsRunning, Arrays.copyOfRange(from, 1, SCANS), scans.subList(1, SCANS),
                    periodsEndHits);
            for (int i = 1; i < SCANS; i++) {
                if (scans.get(i) != null) {
                    firstEndHits[i] = periodsEndHits[i - 1];
                }
            }
        }
        for (int i = 0; i < SCANS; i++) {
            List<ScannedMatch> matches = scans.get(i);
            if (matches != null) {
                firstChanged = Math.min(firstChanged, firstStart(matches, keptMatches[i]));
            }
        }
        if (readBefore == 0) {
            // a revised text: a mention's words may differ where its candidate does not; all is settled again
            lastKept = List.of();
            lastMentions = List.of();
            firstChanged = 0;
        }
        List<NumberMention> mentions = report(text, settleFrom(Math.min(firstChanged, text.length())));
        this.lastWords = words;
        return mentions;
    }

    /**
     * How many of the last scan's {@code matches} a scan resumed at {@code settled} keeps: all but those starting at
     * or after {@code settled} and one ending at the end of the last text, {@code readBefore}.
     */
    private static int keptMatches(List<ScannedMatch> matches, int settled, int readBefore) {
        int kept = matches.size();
        // Matches are in text order, neither starts nor ends going back: those to drop are the last ones.
        while (kept > 0 && (matches.get(kept - 1).start() >= settled || matches.get(kept - 1).end() >= readBefore)) {
            kept--;
        }
        return kept;
    }

    /**
     * Drops the matches after the first {@code kept} of {@code matches}, which a resumed scan must find again, and
     * says where that scan starts: at {@code settled}, or at the start of the first match dropped, but not before the
     * end of the last match kept.
     */
    private static int resumeAt(List<ScannedMatch> matches, int kept, int settled) {
        int from = settled;
        while (matches.size() > kept) {
            ScannedMatch dropped = matches.remove(matches.size() - 1);
            from = Math.min(from, dropped.start());
        }
        // A kept match started before the first attempt that hit the end, so the scan went on from its end.
        return matches.isEmpty() ? from : Math.max(from, matches.get(matches.size() - 1).end());
    }

    /** The first start of a candidate of {@code matches} after the first {@code kept}; MAX_VALUE where none is. */
    private static int firstStart(List<ScannedMatch> matches, int kept) {
        int first = Integer.MAX_VALUE;
        for (int k = kept; k < matches.size(); k++) {
            for (Candidate c : matches.get(k).candidates()) {
                first = Math.min(first, c.start());
            }
        }
        return first;
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

    /**
     * The proposals {@link NumberExtractor} keeps: widest first, none overlapping one kept before; in text order.
     * Those of the last text before a cut are kept as they were, and only the proposals after it settled again.
     *
     * <p>Why that is exact. The proposals of this text are those of the last one, but for the ones the scans dropped
     * or found anew, which all start at or after {@code firstChanged}. Cut at an offset {@code cut} no later, and
     * that no proposal spans (none starts before it and ends after it): then no proposal before the cut overlaps one
     * after it, and a proposal is kept or not by the kept ones it overlaps only, so the ones before the cut settle as
     * they would alone, in both texts alike (the same proposals, in the same order for the stable sort's ties:
     * scans' matches are kept as a prefix of each scan's list). So the mentions of the last text that end by the
     * cut (settled ones do not overlap: a prefix of them in text order) stand, and the proposals after it are
     * settled alone. A proposal ends no later than its match, and a scan's matches end in text order: those that can
     * span a cut are found from the end of each scan's list.
     */
    private List<Candidate> settleFrom(int firstChanged) {
        int cut = firstChanged;
        for (boolean moved = true; moved; ) {
            moved = false;
            for (List<ScannedMatch> matches : scans) {
                if (matches == null) {
                    continue;
                }
                for (int k = matches.size() - 1; k >= 0 && matches.get(k).end() > cut; k--) {
                    for (Candidate c : matches.get(k).candidates()) {
                        if (c.start() < cut && c.end() > cut) {
                            cut = c.start();
                            moved = true;
                        }
                    }
                }
            }
        }
        keptBefore = 0;
        while (keptBefore < lastKept.size() && lastKept.get(keptBefore).end() <= cut) {
            keptBefore++;
        }
        // The proposals after the cut, in the order the extractor proposes them: scan by scan, match by match.
        List<Candidate> proposed = new ArrayList<>();
        for (List<ScannedMatch> matches : scans) {
            if (matches == null) {
                continue;
            }
            int k = matches.size();
            while (k > 0 && matches.get(k - 1).end() > cut) {
                k--;
            }
            for (; k < matches.size(); k++) {
                for (Candidate c : matches.get(k).candidates()) {
                    if (c.start() >= cut) {
                        proposed.add(c);
                    }
                }
            }
        }
        return settle(proposed);
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

    /**
     * The mentions of the last text's first {@link #keptBefore} kept candidates, then those of {@code after}, the
     * candidates kept after them; a mention of the last text for the same candidate is not built again.
     */
    private List<NumberMention> report(String text, List<Candidate> after) {
        List<Candidate> kept = new ArrayList<>(keptBefore + after.size());
        List<NumberMention> mentions = new ArrayList<>(keptBefore + after.size());
        kept.addAll(lastKept.subList(0, keptBefore));
        mentions.addAll(lastMentions.subList(0, keptBefore));
        int reused = keptBefore; // kept candidates are in text order, those of the last text too
        for (Candidate c : after) {
            while (reused < lastKept.size() && lastKept.get(reused).start() < c.start()) {
                reused++;
            }
            boolean same = reused < lastKept.size() && lastKept.get(reused).equals(c);
            kept.add(c);
            mentions.add(same ? lastMentions.get(reused) : NumberExtractor.mention(text, c));
        }
        lastKept = kept;
        lastMentions = List.copyOf(mentions);
        return lastMentions;
    }
}
