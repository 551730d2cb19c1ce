package io.callstream.ingest.parse;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Section;
import io.callstream.ingest.parse.TextBlocks.Block;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The layout a transcript vendor delivers (the bundled Tesla call): blank-line separated paragraphs,
 * each speaker's turn opened by a header line {@code Full Name - Affiliation} or {@code Operator}, a
 * {@code Question-and-Answer Session} line where the Q&amp;A begins, and call-time markers
 * {@code (mm:ss)} inline where a word could not be made out.
 *
 * <p>Rules, in the order they apply:
 * <ul>
 *   <li>A header is a block of exactly one line (so it is followed by a blank line or the end)
 *       that {@link VendorHeader} accepts. Text before the first header has no speaker.</li>
 *   <li>Lines before the section header are {@link Section#PREPARED_REMARKS}; after it,
 *       {@link Section#QUESTIONS_AND_ANSWERS}. Header lines are not speech.</li>
 *   <li>A paragraph that ends without sentence punctuation, followed directly (no header between)
 *       by one that starts with a lower-case letter or a digit, was split by a page break: the two
 *       are one line, joined by a space. Digits count because a page can break before a number
 *       ("we've told them / 1,000 a week in July").</li>
 *   <li>Artefacts are cleaned by {@link VendorTextCleaner}; markers become times through
 *       {@link CallClock}.</li>
 *   <li>A line that held a marker is flagged {@link LineFlag#INAUDIBLE}: the marker stood where a
 *       word could not be made out.</li>
 *   <li>A line's time is that of its first word. It is read directly only when the line's own text
 *       opens with a marker; every other line is flagged {@link LineFlag#INTERPOLATED_TIME}.</li>
 *   <li>A line lasts until the next line starts; the last line's duration is unknown (null).</li>
 * </ul>
 */
public final class VendorTranscriptFormat implements TranscriptFormat {

    public static final String NAME = "vendor";

    static final String QA_SECTION_HEADER = "Question-and-Answer Session";

    private static final Pattern ENDS_SENTENCE = Pattern.compile("[.?!…][\"'”’)\\]]*$");

    @Override
    public String name() {
        return NAME;
    }

    /** True when some complete block of the head is a speaker header of this layout. */
    @Override
    public boolean detect(String head) {
        List<Block> blocks = TextBlocks.split(head);
        // The last block may be a header cut off from the blank line that must follow it.
        for (int i = 0; i < blocks.size() - 1; i++) {
            if (header(blocks.get(i)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ParsedTranscript parse(String text) {
        List<VendorParagraph> paragraphs = paragraphs(text);
        List<CallTimeMarker> anchors = new ArrayList<>();
        long[] firstWord = new long[paragraphs.size()];
        long words = 0;
        for (int i = 0; i < paragraphs.size(); i++) {
            CleanedText cleaned = paragraphs.get(i).text();
            firstWord[i] = words;
            for (CallTimeMarker marker : cleaned.markers()) {
                anchors.add(new CallTimeMarker(words + marker.wordIndex(), marker.offsetMs()));
            }
            words += cleaned.wordCount();
        }
        CallClock clock = CallClock.of(anchors);

        List<VendorParagraph> spoken = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            // A paragraph that was only a marker still timed the clock above, but says nothing.
            if (!paragraphs.get(i).text().text().isEmpty()) {
                spoken.add(paragraphs.get(i));
                offsets.add(clock.offsetAt(firstWord[i]));
            }
        }
        List<ParsedLine> lines = new ArrayList<>(spoken.size());
        List<Integer> sourceLines = new ArrayList<>(spoken.size());
        for (int i = 0; i < spoken.size(); i++) {
            VendorParagraph paragraph = spoken.get(i);
            sourceLines.add(paragraph.firstLine());
            long offset = offsets.get(i);
            Long duration = i + 1 < spoken.size() ? offsets.get(i + 1) - offset : null;
            lines.add(new ParsedLine(paragraph.speakerLabel(), paragraph.affiliation(), paragraph.section(),
                    paragraph.text().text(), offset, duration, flags(paragraph.text(), offset)));
        }
        return new ParsedTranscript(null, CallHints.NONE, lines, sourceLines);
    }

    /** The paragraphs of speech in order, page breaks joined, artefacts cleaned; not yet timed. */
    List<VendorParagraph> paragraphs(String text) {
        List<RawParagraph> raw = new ArrayList<>();
        Section section = Section.PREPARED_REMARKS;
        String label = null;
        String affiliation = null;
        boolean previousWasSpeech = false;
        for (Block block : TextBlocks.split(text)) {
            if (block.lineCount() == 1 && block.text().equals(QA_SECTION_HEADER)) {
                section = Section.QUESTIONS_AND_ANSWERS;
                previousWasSpeech = false;
                continue;
            }
            Optional<VendorHeader> header = header(block);
            if (header.isPresent()) {
                label = header.get().label();
                affiliation = header.get().affiliation();
                previousWasSpeech = false;
                continue;
            }
            RawParagraph last = raw.isEmpty() ? null : raw.get(raw.size() - 1);
            if (previousWasSpeech && splitByPageBreak(last.text, block.text())) {
                raw.set(raw.size() - 1, new RawParagraph(last.label, last.affiliation, last.section,
                        last.text + " " + block.text(), last.firstLine));
            } else {
                raw.add(new RawParagraph(label, affiliation, section, block.text(), block.firstLine()));
            }
            previousWasSpeech = true;
        }
        return raw.stream()
                .map(p -> new VendorParagraph(p.label, p.affiliation, p.section, VendorTextCleaner.clean(p.text),
                        p.firstLine))
                .toList();
    }

    private static Optional<VendorHeader> header(Block block) {
        return block.lineCount() == 1 ? VendorHeader.parse(block.text()) : Optional.empty();
    }

    static boolean splitByPageBreak(String before, String after) {
        if (ENDS_SENTENCE.matcher(before).find() || after.isEmpty()) {
            return false;
        }
        int first = after.codePointAt(0);
        return Character.isLowerCase(first) || Character.isDigit(first);
    }

    private static Set<LineFlag> flags(CleanedText text, long offset) {
        Set<LineFlag> flags = EnumSet.noneOf(LineFlag.class);
        if (text.phonetic()) {
            flags.add(LineFlag.PHONETIC_SPELLING);
        }
        // The vendor writes a call time exactly where a word could not be made out, so the cleaned
        // text of such a line is missing words; consumers should know before they quote it.
        if (!text.markers().isEmpty()) {
            flags.add(LineFlag.INAUDIBLE);
        }
        boolean readDirectly = text.markers().stream()
                .anyMatch(m -> m.wordIndex() == 0 && m.offsetMs() == offset);
        if (!readDirectly) {
            flags.add(LineFlag.INTERPOLATED_TIME);
        }
        return flags;
    }

    private record RawParagraph(String label, String affiliation, Section section, String text, int firstLine) {
    }
}
