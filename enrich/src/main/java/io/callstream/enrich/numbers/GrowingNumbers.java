package io.callstream.enrich.numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.callstream.avro.NumberMention;

/**
 * {@link NumberExtractor#find} for a growing text. The extractor runs readers (the amounts pattern, then each period
 * pattern), each a scan of successive matches, and then keeps the widest of overlapping proposals. Here each scan's
 * matches are kept, and a text that extends the last one is scanned again only from near its end.
 *
 * <p>Why that is exact: an attempt to match at some offset reads only a bounded number of words after it. The
 * longest reach is the amounts reader's, a range of amounts such as "minus one hundred and twenty-five and a half
 * million barrels of oil equivalent, uh, to ... per diluted share from now": under 40 words, however long each word
 * (a run of digits is one word), with fillers ("uh,") free because the range pattern repeats them without limit. A
 * period reader reaches no more than {@link Periods#words} words, 11 at most ("17th of December the 6th, of fiscal
 * year '21 percent"). So every attempt of a reader that starts more than its settled words ({@link #SETTLED_WORDS}
 * for the amounts, twice {@link Periods#words} for a period reader; fillers not counted) before the end of the last
 * text read only that text, and finds the same in any longer one; the words a reader checks before a match lie
 * behind it. A scan of the longer text therefore passes that point in the same state, and may resume there: at the
 * cut, or at the start of the match that straddles it. The proposals are then settled as {@link NumberExtractor}
 * settles them.
 */
final class GrowingNumbers {

    /** Words (fillers not counted) the amounts reader's attempt may read after its start, with ample room. */
    static final int SETTLED_WORDS = 64;

    /** Characters before an extended text's new part in which a cue word new to it may start: more than any cue. */
    private static final int CUE_ROOM = 16;

    /** One scan per reader: the amounts first, then the periods, as {@link NumberExtractor} proposes them. */
    private static final int SCANS = 1 + Periods.readers();

    /**
     * Per scan, the words (fillers not counted) before a text's last word behind which its reader's attempts are
     * settled: {@link #SETTLED_WORDS} for the amounts, and for a period reader twice the words its pattern can reach
     * (room for a miscount, at a cost of a few words rescanned per line instead of dozens).
     */
    private static final int[] SETTLED = settledWords();
    /** The most of {@link #SETTLED}: how far back a text's word starts are looked for. */
    private static final int MOST_SETTLED = Arrays.stream(SETTLED).max().orElseThrow();

    /** Per reader, its matches in the last text, or null where it did not run (its cue words were absent). */
    private final List<List<ScannedMatch>> scans = new ArrayList<>();
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
        // wordStarts[n - 1]: the start of the n-th counted word before the last, as far back as any reader needs
        int[] wordStarts = readBefore > 0 ? countedWordStarts(text, readBefore, MOST_SETTLED) : new int[0];
        int[] from = new int[SCANS]; // where each scan resumes, -1 where its reader does not run
        int firstFrom = text.length();
        for (int i = 0; i < SCANS; i++) {
            int cut = SETTLED[i] <= wordStarts.length ? wordStarts[SETTLED[i] - 1] : 0;
            List<ScannedMatch> matches = scans.get(i);
            boolean worthRunning = readBefore > 0 && matches != null
                    || (i == 0 ? Quantities.worthRunning(lowerCase) : Periods.worthRunning(i - 1, lowerCase));
            if (!worthRunning) {
                scans.set(i, null); // not run, as the extractor would not run it
                from[i] = -1;
                continue;
            }
            if (matches == null || cut == 0) {
                // first run of this reader on this turn (its cue is new), or nothing settled: scan it all
                scans.set(i, new ArrayList<>());
                from[i] = 0;
            } else {
                from[i] = resumeAt(matches, cut);
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
            if (i == 0) {
                Quantities.scan(words, from[i], matches);
            } else {
                Periods.scan(words, i - 1, from[i], matches);
            }
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
     * Drops the matches a resumed scan will find again (those ending after {@code cut}) and says where that scan
     * starts: at the cut, or at the start of the match that straddles it, where the scan was not inside a match.
     */
    private static int resumeAt(List<ScannedMatch> matches, int cut) {
        int from = cut;
        while (!matches.isEmpty() && matches.get(matches.size() - 1).end() > cut) {
            ScannedMatch dropped = matches.remove(matches.size() - 1);
            from = Math.min(from, dropped.start());
        }
        return from;
    }

    private static int[] settledWords() {
        int[] settled = new int[SCANS];
        settled[0] = SETTLED_WORDS;
        for (int reader = 0; reader < Periods.readers(); reader++) {
            settled[1 + reader] = 2 * Periods.words(reader);
        }
        return settled;
    }

    /**
     * The offsets before which a reader's attempts read only the first {@code readBefore} characters of {@code text}:
     * element {@code n - 1} is the start of the {@code n}th counted word before the last word of that prefix (which
     * more characters could lengthen), for a reader whose settled words are {@code n}; up to {@code most} of them,
     * fewer where the prefix has fewer words (a reader with more settled words than that rescans from 0). Words are
     * runs of what is not {@code \s}, as the patterns see them; a filler ("uh", "um,", "er.") is not counted.
     */
    static int[] countedWordStarts(String text, int readBefore, int most) {
        int[] starts = new int[most];
        int counted = -1; // the last word is not counted
        int i = readBefore;
        while (i > 0) {
            while (i > 0 && isSpace(text.charAt(i - 1))) {
                i--;
            }
            int end = i;
            while (i > 0 && !isSpace(text.charAt(i - 1))) {
                i--;
            }
            if (end > i && !isFiller(text, i, end)) {
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

    /** The characters of regex {@code \s}: only they separate words for the patterns. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** A filler the range pattern may repeat without limit: "uh", "um", "er", each maybe with "," or ".". */
    private static boolean isFiller(String text, int start, int end) {
        int length = end - start;
        if (length == 3 && text.charAt(end - 1) != ',' && text.charAt(end - 1) != '.' || length < 2 || length > 3) {
            return false;
        }
        String word = text.substring(start, start + 2).toLowerCase(Locale.ROOT);
        return word.equals("uh") || word.equals("um") || word.equals("er");
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
