package io.callstream.ingest.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * One sentence of a segments feed, checked: its speaker label, start and end in call milliseconds, the share of
 * its words with a real time (null when the feed does not say), and its text.
 *
 * <p>The field names are those of Rev's segments files, the same in TSV and JSON Lines. {@code call_id},
 * {@code sent_idx} and {@code turn_idx} are read by no rule here, so a feed may leave them out; {@code speaker_id}
 * tells apart two speakers the feed gives one label ({@link SegmentsFormat}); it and {@code anchored_frac} may be
 * left out too.
 */
record SegmentRow(int lineNumber, String speakerLabel, String speakerId, long startMs, long endMs,
                  BigDecimal anchoredFrac, String text) {

    static final String SPEAKER_ID = "speaker_id";
    static final String SPEAKER_LABEL = "speaker_label";
    static final String START_S = "start_s";
    static final String END_S = "end_s";
    static final String ANCHORED_FRAC = "anchored_frac";
    static final String TEXT = "text";
    static final List<String> REQUIRED = List.of(SPEAKER_LABEL, START_S, END_S, TEXT);

    /**
     * Checks the fields of the row on {@code lineNumber} (1-based, in the whole file); an absent or empty field
     * is missing.
     *
     * @throws IllegalArgumentException naming the line and the field, when a required field is missing, a number
     *                                  does not parse, or the times contradict each other
     */
    static SegmentRow of(int lineNumber, Map<String, String> fields) {
        for (String name : REQUIRED) {
            String value = fields.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("line " + lineNumber + ": no " + name + " value; every row needs "
                        + String.join(", ", REQUIRED));
            }
        }
        long start = millis(lineNumber, START_S, fields.get(START_S));
        long end = millis(lineNumber, END_S, fields.get(END_S));
        if (end < start) {
            throw new IllegalArgumentException("line " + lineNumber + ": end_s " + fields.get(END_S).strip()
                    + " is before start_s " + fields.get(START_S).strip() + "; fix the row's times");
        }
        String frac = fields.get(ANCHORED_FRAC);
        BigDecimal anchored = frac == null || frac.isBlank() ? null : fraction(lineNumber, frac);
        String id = fields.get(SPEAKER_ID);
        return new SegmentRow(lineNumber, fields.get(SPEAKER_LABEL).strip(), id == null || id.isBlank() ? null
                : id.strip(), start, end, anchored,
                fields.get(TEXT).strip());
    }

    /** Seconds as written, rounded to the millisecond; decimal arithmetic, so 8.52 s is 8520 ms, not 8519. */
    private static long millis(int lineNumber, String name, String seconds) {
        BigDecimal value = number(lineNumber, name, seconds);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + name + " " + seconds.strip()
                    + " is negative; times are seconds since the call began");
        }
        return value.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal fraction(int lineNumber, String text) {
        BigDecimal value = number(lineNumber, ANCHORED_FRAC, text);
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("line " + lineNumber + ": anchored_frac " + text.strip()
                    + " is not between 0 and 1; give the share of the sentence's words with a real time");
        }
        return value;
    }

    private static BigDecimal number(int lineNumber, String name, String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + name + " '" + text.strip()
                    + "' is not a number; give seconds as a decimal number such as 12.34", e);
        }
    }

    /** Whether some words of the sentence had no time of their own (false when the feed does not say). */
    boolean partlyAnchored() {
        return anchoredFrac != null && anchoredFrac.compareTo(BigDecimal.ONE) < 0;
    }
}
