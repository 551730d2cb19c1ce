package io.callstream.ingest.parse;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Timed segments, the shape of a live feed: one sentence a row with its speaker label, start and end seconds and
 * text, as TSV with a header row or as JSON Lines with the same field names (Rev's {@code *.segments.tsv}:
 * {@code call_id sent_idx turn_idx speaker_id speaker_label start_s end_s anchored_frac text}).
 *
 * <p>Rules:
 * <ul>
 *   <li>One line per row, in file order: the feed's order is the call's order.</li>
 *   <li>The line starts at {@code start_s} and lasts {@code end_s - start_s}, both rounded to the millisecond;
 *       a start earlier than the line before it is raised to that line's start (the end stays where the row put
 *       it, so the line gets shorter, down to 0) and the line flagged {@code INTERPOLATED_TIME}: a call's lines
 *       must not run backwards. The Earnings-21/22 files have no such row.</li>
 *   <li>{@code anchored_frac} below 1 flags {@code INTERPOLATED_TIME}: some words had no time from the audio
 *       and their times, possibly the start or the end, were spread over the gap, and which one the row does
 *       not say. Without the column nothing is flagged: the feed's times are taken as given.</li>
 *   <li>Verbatim tags stay in the text and raise flags per {@link VerbatimTags}.</li>
 *   <li>The speaker label is taken as written; no affiliation, role {@code UNKNOWN}, section {@code UNKNOWN}:
 *       the rows state none of them.</li>
 *   <li>A missing required field or column, an unparsable number, or an end before its start is an
 *       {@link IllegalArgumentException} naming the line (see {@link SegmentRow}).</li>
 * </ul>
 *
 * <p>Two speakers the feed gives one label but two {@code speaker_id}s (two {@code Hector}s, one after the other, on
 * Earnings-21's Banco Santander call) are told apart: the first id keeps the label, the next ones are numbered in the
 * order they are first heard ({@code Hector (2)}), so each is a voice of its own, with turns of its own. A label is
 * decided from the rows before it only, as a live feed would give them.
 */
public final class SegmentsFormat implements TranscriptFormat {

    public static final String NAME = "segments";

    private final JsonLinesSegments json = new JsonLinesSegments();

    @Override
    public String name() {
        return NAME;
    }

    /**
     * True when the first non-blank line is a TSV header naming start_s and text, or a JSON object with those
     * fields; the project's canonical call events ({@code callId}, {@code payload}) are not claimed.
     */
    @Override
    public boolean detect(String head) {
        String first = firstNonBlankLine(withoutByteOrderMark(head));
        return first != null && (TsvSegments.isHeader(first) || json.isSegment(first));
    }

    @Override
    public ParsedTranscript parse(String text) {
        String body = withoutByteOrderMark(text);
        String first = firstNonBlankLine(body);
        if (first == null) {
            return new ParsedTranscript(null, List.of());
        }
        List<SegmentRow> rows = first.strip().startsWith("{") ? json.rows(body) : TsvSegments.rows(body);
        return new ParsedTranscript(null, CallHints.NONE, lines(rows),
                rows.stream().map(SegmentRow::lineNumber).toList());
    }

    private static List<ParsedLine> lines(List<SegmentRow> rows) {
        List<ParsedLine> lines = new ArrayList<>(rows.size());
        Map<String, List<String>> idsByLabel = new HashMap<>();
        long previousStart = 0;
        for (SegmentRow row : rows) {
            long start = Math.max(row.startMs(), previousStart);
            Set<LineFlag> flags = VerbatimTags.flags(row.text());
            if (start != row.startMs() || row.partlyAnchored()) {
                flags.add(LineFlag.INTERPOLATED_TIME);
            }
            lines.add(new ParsedLine(label(row, idsByLabel), null, Section.UNKNOWN, row.text(), start,
                    Math.max(0, row.endMs() - start), flags));
            previousStart = start;
        }
        return lines;
    }

    /** The row's label, numbered where an earlier row gave it to another speaker id. */
    private static String label(SegmentRow row, Map<String, List<String>> idsByLabel) {
        if (row.speakerId() == null) {
            return row.speakerLabel();
        }
        List<String> ids = idsByLabel.computeIfAbsent(row.speakerLabel(), label -> new ArrayList<>());
        if (!ids.contains(row.speakerId())) {
            ids.add(row.speakerId());
        }
        int n = ids.indexOf(row.speakerId()) + 1;
        return n == 1 ? row.speakerLabel() : row.speakerLabel() + " (" + n + ")";
    }

    private static String firstNonBlankLine(String text) {
        return text.lines().filter(line -> !line.isBlank()).findFirst().orElse(null);
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
