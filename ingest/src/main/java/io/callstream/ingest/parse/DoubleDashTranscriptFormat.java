package io.callstream.ingest.parse;

import io.callstream.avro.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The layout of a financial news site's earnings-call transcripts: front matter (a title such as
 * {@code Tesla (TSLA) Q4 2016 Earnings Call Transcript}, a date line, perhaps a contents list), then
 * {@code Prepared Remarks:} and {@code Questions and Answers:} (or {@code Questions & Answers:}), each turn opened
 * by a header line {@code Name -- Title}, {@code Name -- Firm -- Analyst} or {@code Operator}, and at the end a
 * {@code Duration: NN minutes} line and a {@code Call participants:} list repeating the headers.
 *
 * <p>Rules, in the order they apply:
 * <ul>
 *   <li>Speech ends at the first {@code Duration:} or {@code Call participants:} line, whichever comes first:
 *       neither they nor anything after them (the list, the site's links and notes) is speech.</li>
 *   <li>Lines before the first heading or header are front matter, read for the title and
 *       {@link CallHints} ({@link DoubleDashFrontMatter}). Headings need their colon: the contents list in the
 *       front matter names the same sections without one.</li>
 *   <li>A header is a whole line {@link DoubleDashHeader} accepts, or a name of the participants list, alone or
 *       followed by {@code --} and an affiliation; the list is the authority on a listed speaker's name, affiliation
 *       and role ({@link DoubleDashParticipants}). A header starts a turn and a heading ends one; text with no
 *       header above it in its section is an error. A header repeated for the speaker already speaking opens no
 *       second turn: the lines go on under the same speaker.</li>
 *   <li>One {@link ParsedLine} per paragraph. The site puts a paragraph on one line, with or without blank lines
 *       between paragraphs, so a line that ends a sentence ends its paragraph; a line that stops mid-sentence
 *       was wrapped by whoever saved the page and goes on in the next ({@link WrappedText}).</li>
 *   <li>Sections follow the headings; before any heading the section is {@link Section#UNKNOWN}.</li>
 *   <li>The layout states no call times: lines are timed by word count ({@link SpeakingRateTiming}).</li>
 * </ul>
 */
public final class DoubleDashTranscriptFormat implements TranscriptFormat {

    public static final String NAME = "double-dash";

    private static final Pattern PREPARED_REMARKS = Pattern.compile("(?i)prepared remarks:");
    private static final Pattern QUESTIONS_AND_ANSWERS = Pattern.compile("(?i)questions (?:and|&) answers:");
    private static final Pattern END_OF_SPEECH = Pattern.compile(
            "(?i)call participants:|duration: ?\\d+ ?min(?:ute)?s?\\.?");
    private static final String EXPECTED_HEADER =
            "a speaker line such as 'Operator', 'Name -- Title' or 'Name -- Firm -- Analyst'";

    @Override
    public String name() {
        return NAME;
    }

    /** True when a complete line of the head is a section heading or a {@code Name -- ...} header. */
    @Override
    public boolean detect(String head) {
        return SourceLine.completeLines(head).stream().map(SourceLine::text)
                .anyMatch(line -> heading(line).isPresent() || DoubleDashHeader.dashed(line).isPresent());
    }

    @Override
    public ParsedTranscript parse(String text) {
        List<SourceLine> lines = SourceLine.split(text);
        if (lines.stream().allMatch(SourceLine::isBlank)) {
            throw LayoutErrors.empty(NAME);
        }
        int end = endOfSpeech(lines);
        DoubleDashParticipants participants = DoubleDashParticipants.of(lines.subList(end, lines.size()));

        List<SourceLine> front = new ArrayList<>();
        List<SpokenParagraph> paragraphs = new ArrayList<>();
        List<String> turnLines = new ArrayList<>();
        Section section = Section.UNKNOWN;
        TurnSpeaker speaker = null;
        boolean inFront = true;
        boolean repeated = false;
        for (SourceLine line : lines.subList(0, end)) {
            Optional<Section> heading = heading(line.text());
            Optional<TurnSpeaker> header = heading.isPresent() ? Optional.empty() : participants.header(line.text());
            if (header.isPresent() && header.get().equals(speaker)) {
                // The site repeats a header where a page broke, even mid-sentence: the same turn goes on, and the
                // blank lines around the repeat are the page's, not the end of a paragraph.
                while (!turnLines.isEmpty() && turnLines.get(turnLines.size() - 1) == null) {
                    turnLines.remove(turnLines.size() - 1);
                }
                repeated = true;
                continue;
            }
            if (repeated && line.isBlank()) {
                continue;
            }
            repeated = false;
            if (heading.isPresent() || header.isPresent()) {
                addTurn(speaker, section, turnLines, paragraphs);
                section = heading.orElse(section);
                speaker = header.orElse(null);
                inFront = false;
            } else if (inFront) {
                front.add(line);
            } else if (line.isBlank()) {
                turnLines.add(null);
            } else if (speaker == null) {
                throw LayoutErrors.textBeforeSpeaker(NAME, line, EXPECTED_HEADER);
            } else {
                turnLines.add(line.text());
            }
        }
        addTurn(speaker, section, turnLines, paragraphs);
        if (paragraphs.isEmpty()) {
            throw LayoutErrors.noTurns(NAME, EXPECTED_HEADER + " followed by its text");
        }
        return new ParsedTranscript(DoubleDashFrontMatter.title(front), DoubleDashFrontMatter.hints(front),
                SpeakingRateTiming.timed(paragraphs));
    }

    private static Optional<Section> heading(String line) {
        if (PREPARED_REMARKS.matcher(line).matches()) {
            return Optional.of(Section.PREPARED_REMARKS);
        }
        if (QUESTIONS_AND_ANSWERS.matcher(line).matches()) {
            return Optional.of(Section.QUESTIONS_AND_ANSWERS);
        }
        return Optional.empty();
    }

    private static int endOfSpeech(List<SourceLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (END_OF_SPEECH.matcher(lines.get(i).text()).matches()) {
                return i;
            }
        }
        return lines.size();
    }

    private static void addTurn(TurnSpeaker speaker, Section section, List<String> turnLines,
                                List<SpokenParagraph> paragraphs) {
        for (String paragraph : WrappedText.paragraphs(turnLines, WrappedText.UNWRAPPED)) {
            paragraphs.add(new SpokenParagraph(speaker, section, paragraph));
        }
        turnLines.clear();
    }
}
