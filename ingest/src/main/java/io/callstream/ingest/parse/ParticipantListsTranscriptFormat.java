package io.callstream.ingest.parse;

import io.callstream.avro.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The layout of a financial data vendor's transcript exports: a header block (event title, {@code EVENT
 * DATE/TIME:}), a {@code CORPORATE PARTICIPANTS} and a {@code CONFERENCE CALL PARTICIPANTS} list, then
 * {@code PRESENTATION} and {@code QUESTIONS AND ANSWERS}, where each turn is a speaker line or two and text
 * hard-wrapped at about 140 characters, turns apart by a line holding a single space, and a {@code DISCLAIMER}
 * at the end.
 *
 * <p>Rules, in the order they apply:
 * <ul>
 *   <li>Headings are whole lines, whitespace collapsed, in capitals or not (the vendor's plain-text exports
 *       write {@code Presentation}). Before the first one is the header block, read for the title and
 *       {@link CallHints} ({@link ParticipantListsFrontMatter}); from {@code DEFINITIONS} or {@code DISCLAIMER}
 *       on nothing is speech. Neither, nor the lists, is speech.</li>
 *   <li>A break is a blank line, a line of spaces or a rule ({@code ====}, {@code ----}); an editor that trims
 *       the single-space separator leaves a blank line, so both count alike. After a break, and at the start of a
 *       section, the next lines open a turn when they read as a speaker header ({@link ParticipantTurnHeader});
 *       otherwise they are a new paragraph of the same turn. Text with no speaker above it in its section is an
 *       error.</li>
 *   <li>Roles come only from the lists ({@link ParticipantList}); a speaker in neither list is
 *       {@link io.callstream.avro.Role#UNKNOWN}. The affiliation is the {@code Company - Title} line as written:
 *       either side may hold " - ", so splitting it could only guess, and the title is worth keeping.</li>
 *   <li>One {@link ParsedLine} per paragraph, not per turn: a turn of prepared remarks runs for minutes, and
 *       word-count timing over paragraphs stays closer to the call. Paragraphs end at breaks and where a line
 *       ends a sentence short of the wrap width ({@link WrappedText}), the width read from the document.</li>
 *   <li>The layout states no call times: lines are timed by word count ({@link SpeakingRateTiming}).</li>
 * </ul>
 */
public final class ParticipantListsTranscriptFormat implements TranscriptFormat {

    public static final String NAME = "participant-lists";

    private static final Pattern RULE = Pattern.compile("[=_-]{3,}");
    private static final String EXPECTED_HEADER =
            "a speaker's name line and a 'Company - Title' line, or 'Operator', after a line holding a single space";

    private enum Part { FRONT, CORPORATE, CONFERENCE, PRESENTATION, QUESTIONS, END }

    /** By the heading's text in capitals. */
    private static final Map<String, Part> HEADINGS = Map.of(
            "CORPORATE PARTICIPANTS", Part.CORPORATE,
            "CONFERENCE CALL PARTICIPANTS", Part.CONFERENCE,
            // The vendor's plain-text exports have long carried this misspelling.
            "CONFERENCE CALL PARTICIPIANTS", Part.CONFERENCE,
            "PRESENTATION", Part.PRESENTATION,
            "QUESTIONS AND ANSWERS", Part.QUESTIONS,
            "QUESTIONS & ANSWERS", Part.QUESTIONS,
            "QUESTION AND ANSWER", Part.QUESTIONS,
            "DEFINITIONS", Part.END,
            "DISCLAIMER", Part.END);

    private record Parts(List<SourceLine> front, List<SourceLine> corporate, List<SourceLine> conference,
                         List<BodySection> body) {
    }

    private record BodySection(Section section, List<SourceLine> lines) {
    }

    /** A turn's speaker and section, and its text lines with null where a break stood. */
    private record Turn(TurnSpeaker speaker, Section section, List<String> lines) {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * True when a complete line of the head is a participants list's or the presentation's heading, or
     * {@code QUESTIONS AND ANSWERS} in capitals: the double-dash layout's contents list names
     * {@code Questions and Answers} too.
     */
    @Override
    public boolean detect(String head) {
        return SourceLine.completeLines(head).stream().map(SourceLine::text).anyMatch(line -> {
            Part part = heading(line);
            return part == Part.CORPORATE || part == Part.CONFERENCE || part == Part.PRESENTATION
                    || part == Part.QUESTIONS && line.equals(line.toUpperCase(Locale.ROOT));
        });
    }

    @Override
    public ParsedTranscript parse(String text) {
        List<SourceLine> lines = SourceLine.split(text);
        if (lines.stream().allMatch(SourceLine::isBlank)) {
            throw LayoutErrors.empty(NAME);
        }
        Parts parts = parts(lines);
        ParticipantTurnHeader headers = new ParticipantTurnHeader(
                ParticipantList.of(parts.corporate(), parts.conference()));
        List<Turn> turns = new ArrayList<>();
        for (BodySection section : parts.body()) {
            turns.addAll(turns(section.lines(), section.section(), headers));
        }
        List<SpokenParagraph> paragraphs = paragraphs(turns);
        if (paragraphs.isEmpty()) {
            throw LayoutErrors.noTurns(NAME, "'PRESENTATION' or 'QUESTIONS AND ANSWERS' with turns that begin with "
                    + EXPECTED_HEADER);
        }
        return new ParsedTranscript(ParticipantListsFrontMatter.title(parts.front()),
                ParticipantListsFrontMatter.hints(parts.front()), SpeakingRateTiming.timed(paragraphs));
    }

    /** The document's lines by the heading they stand under, headings left out, nothing from the end part on. */
    private static Parts parts(List<SourceLine> lines) {
        Parts parts = new Parts(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Part part = Part.FRONT;
        for (SourceLine line : lines) {
            Part heading = heading(line.text());
            if (heading == Part.END) {
                break;
            }
            if (heading == Part.PRESENTATION || heading == Part.QUESTIONS) {
                parts.body().add(new BodySection(heading == Part.PRESENTATION
                        ? Section.PREPARED_REMARKS : Section.QUESTIONS_AND_ANSWERS, new ArrayList<>()));
            }
            if (heading != null) {
                part = heading;
                continue;
            }
            switch (part) {
                case FRONT -> parts.front().add(line);
                case CORPORATE -> parts.corporate().add(line);
                case CONFERENCE -> parts.conference().add(line);
                default -> parts.body().get(parts.body().size() - 1).lines().add(line);
            }
        }
        return parts;
    }

    private static Part heading(String line) {
        return HEADINGS.get(line.toUpperCase(Locale.ROOT));
    }

    static boolean isRule(String line) {
        return RULE.matcher(line).matches();
    }

    private static boolean isBreak(SourceLine line) {
        return line.isBlank() || isRule(line.text());
    }

    private static List<Turn> turns(List<SourceLine> lines, Section section, ParticipantTurnHeader headers) {
        List<Turn> turns = new ArrayList<>();
        Turn turn = null;
        boolean afterBreak = true;
        for (int i = 0; i < lines.size(); i++) {
            SourceLine line = lines.get(i);
            if (isBreak(line)) {
                afterBreak = true;
                if (turn != null) {
                    turn.lines().add(null);
                }
                continue;
            }
            if (afterBreak) {
                afterBreak = false;
                String next = i + 1 < lines.size() && !isBreak(lines.get(i + 1)) ? lines.get(i + 1).text() : null;
                Optional<ParticipantTurnHeader.Match> header = headers.read(line.text(), next);
                if (header.isPresent()) {
                    turn = new Turn(header.get().speaker(), section, new ArrayList<>());
                    turns.add(turn);
                    i += header.get().lineCount() - 1;
                    continue;
                }
            }
            if (turn == null) {
                throw LayoutErrors.textBeforeSpeaker(NAME, line, EXPECTED_HEADER);
            }
            turn.lines().add(line.text());
        }
        return turns;
    }

    private static List<SpokenParagraph> paragraphs(List<Turn> turns) {
        List<String> everyLine = new ArrayList<>();
        for (Turn turn : turns) {
            everyLine.addAll(turn.lines());
            everyLine.add(null);
        }
        int wrapWidth = WrappedText.wrapWidth(everyLine);
        List<SpokenParagraph> paragraphs = new ArrayList<>();
        for (Turn turn : turns) {
            for (String paragraph : WrappedText.paragraphs(turn.lines(), wrapWidth)) {
                paragraphs.add(new SpokenParagraph(turn.speaker(), turn.section(), paragraph));
            }
        }
        return paragraphs;
    }
}
