package io.callstream.ingest.parse;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Timed transcript text, as Rev renders the Earnings-21/22 calls: a title line, then for each turn a speaker
 * header line holding just a name (or {@code Speaker N}), then the turn's paragraphs, each on one line opening
 * with its call time {@code (mm:ss)} or {@code (h:mm:ss)}; a blank line between turns.
 *
 * <p>Rules:
 * <ul>
 *   <li>The first non-blank line is the title unless a stamped paragraph follows it directly (then it is already
 *       a speaker header and the file has no title). {@link TimedTextTitle} reads call hints from it.</li>
 *   <li>A line without a stamp is a speaker header when it starts a block (after a blank line, the title, or the
 *       start); the label is the line as written ({@code Speaker 1}, {@code speaker 2}, {@code Brian D'Ambrosia}),
 *       with no affiliation and role {@code UNKNOWN}: the layout states neither, and a role is never guessed.</li>
 *   <li>A line without a stamp directly under a paragraph continues it (a hard-wrapped paragraph); directly under
 *       a header it is an error, as is a paragraph before any header: the file cannot say when or by whom it was
 *       spoken.</li>
 *   <li>One line per paragraph; its time is its own stamp, exact (no {@code INTERPOLATED_TIME}), and it lasts
 *       until the next paragraph starts (the last one: unknown). A paragraph that is only a stamp says nothing
 *       and is dropped.</li>
 *   <li>A stamp earlier than the line before it (a transcriber's slip) is raised to that line's time and the line
 *       flagged {@code INTERPOLATED_TIME}, as the vendor layout's clock does: a call's lines must not run
 *       backwards, and one slip should not cost the whole call. The Earnings-21/22 files have none.</li>
 *   <li>Verbatim tags stay in the text and raise flags per {@link VerbatimTags}.</li>
 *   <li>Every line is {@link Section#UNKNOWN}: the layout has no section headers, and the operator's cue for the
 *       Q&amp;A is worded differently on every call, so finding it is left to enrich, in one place for all
 *       formats.</li>
 * </ul>
 *
 * <p>Consecutive turns by two speakers with the same label (Earnings-21's Banco Santander call has two
 * {@code Hector}s, one after the other) come out as one run of lines: the text says nothing else of them (its segments
 * twin does, by speaker id: {@link SegmentsFormat}).
 */
public final class TimedTextFormat implements TranscriptFormat {

    public static final String NAME = "timed-text";

    /** Names are short; a longer line where a header should be is a paragraph whose stamp is missing. */
    static final int MAX_HEADER_LENGTH = 100;

    @Override
    public String name() {
        return NAME;
    }

    /**
     * True when the first stamped line of the head sits directly under a speaker header that opens a block. The
     * vendor layout also has lines opening with a call time, but always after a blank line.
     */
    @Override
    public boolean detect(String head) {
        List<String> lines = completeLines(head);
        for (int i = 0; i < lines.size(); i++) {
            if (ParagraphStamp.opens(lines.get(i))) {
                // i <= 2: a header on the first line, or right under the title without a blank line between.
                return i > 0 && isHeaderShaped(lines.get(i - 1)) && (i <= 2 || lines.get(i - 2).isBlank());
            }
        }
        return false;
    }

    @Override
    public ParsedTranscript parse(String text) {
        String[] lines = LineBreaks.split(withoutByteOrderMark(text));
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        String title = null;
        if (first < lines.length && !ParagraphStamp.opens(lines[first])
                && (first + 1 == lines.length || !ParagraphStamp.opens(lines[first + 1]))) {
            title = lines[first].strip();
            first++;
        }
        List<Paragraph> paragraphs = paragraphs(lines, first);
        List<Integer> sourceLines = paragraphs.stream().filter(Paragraph::spoken).map(Paragraph::line).toList();
        return new ParsedTranscript(title, TimedTextTitle.hints(title), timed(paragraphs), sourceLines);
    }

    /** The paragraphs from line index {@code from} on, with their speaker and stamp, in file order. */
    private static List<Paragraph> paragraphs(String[] lines, int from) {
        List<Paragraph> paragraphs = new ArrayList<>();
        String speaker = null;
        int headerLine = 0;
        Previous previous = Previous.BLANK;
        for (int i = from; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i];
            if (line.isBlank()) {
                previous = Previous.BLANK;
                continue;
            }
            Optional<ParagraphStamp> stamp = ParagraphStamp.read(line);
            if (stamp.isPresent()) {
                if (speaker == null) {
                    throw new IllegalArgumentException("line " + lineNumber + ": a paragraph before any speaker"
                            + " header; put the speaker's name (or 'Speaker N') on the line above it");
                }
                paragraphs.add(new Paragraph(speaker, stamp.get().offsetMs(), stamp.get().text(), lineNumber));
                previous = Previous.PARAGRAPH;
            } else if (previous == Previous.PARAGRAPH) {
                int last = paragraphs.size() - 1;
                paragraphs.set(last, paragraphs.get(last).continuedBy(line));
            } else if (previous == Previous.HEADER) {
                throw new IllegalArgumentException("line " + lineNumber + ": text without a (mm:ss) stamp under"
                        + " the speaker header '" + speaker + "' of line " + headerLine
                        + "; start each paragraph with its call time");
            } else {
                String label = line.strip();
                if (label.length() > MAX_HEADER_LENGTH) {
                    throw new IllegalArgumentException("line " + lineNumber + ": " + label.length() + " characters"
                            + " where a speaker header should be; a paragraph must start with its (mm:ss) call time");
                }
                speaker = label;
                headerLine = lineNumber;
                previous = Previous.HEADER;
            }
        }
        return paragraphs;
    }

    private static List<ParsedLine> timed(List<Paragraph> paragraphs) {
        List<Paragraph> spoken = paragraphs.stream().filter(Paragraph::spoken).toList();
        long[] offsets = new long[spoken.size()];
        for (int i = 0; i < spoken.size(); i++) {
            offsets[i] = i == 0 ? spoken.get(0).stampMs() : Math.max(spoken.get(i).stampMs(), offsets[i - 1]);
        }
        List<ParsedLine> lines = new ArrayList<>(spoken.size());
        for (int i = 0; i < spoken.size(); i++) {
            Paragraph paragraph = spoken.get(i);
            String words = UnicodeBlanks.collapse(paragraph.text());
            Set<LineFlag> flags = VerbatimTags.flags(words);
            if (offsets[i] != paragraph.stampMs()) {
                flags.add(LineFlag.INTERPOLATED_TIME);
            }
            Long duration = i + 1 < spoken.size() ? offsets[i + 1] - offsets[i] : null;
            lines.add(new ParsedLine(paragraph.speaker(), null, Section.UNKNOWN, words, offsets[i], duration, flags));
        }
        return lines;
    }

    private static boolean isHeaderShaped(String line) {
        return !line.isBlank() && !ParagraphStamp.opens(line) && line.strip().length() <= MAX_HEADER_LENGTH;
    }

    /** The head's lines, without the last one when the head may have cut it short. */
    private static List<String> completeLines(String head) {
        String body = withoutByteOrderMark(head);
        List<String> lines = new ArrayList<>(Arrays.asList(LineBreaks.split(body)));
        // split keeps a trailing "" after a final line break; otherwise the last line may be partial.
        lines.remove(lines.size() - 1);
        return lines;
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private enum Previous { BLANK, HEADER, PARAGRAPH }

    /** @param line the line of the text the paragraph starts on, from 1 */
    private record Paragraph(String speaker, long stampMs, String text, int line) {

        Paragraph continuedBy(String more) {
            return new Paragraph(speaker, stampMs, text + " " + more, line);
        }

        boolean spoken() {
            return !text.isBlank();
        }
    }
}
