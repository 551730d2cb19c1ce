package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Section;
import io.callstream.ingest.TeslaSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parser against the bundled Tesla call. Expectations are counted from the raw file with simple
 * means of their own, and checked against the figures the data README gives, not read back from
 * the parser.
 */
class VendorTranscriptFormatTeslaTest {

    private static final Pattern MARKER = Pattern.compile("\\(\\d+:\\d\\d\\)");
    private static final Pattern SIMPLE_HEADER = Pattern.compile("[A-Z][A-Za-z.' ]+ - [A-Z].*");

    private final String raw = TeslaSample.text();
    private final VendorTranscriptFormat format = new VendorTranscriptFormat();
    private final List<ParsedLine> lines = format.parse(raw).lines();

    @Test
    void turnsTheSourceLinesIntoOneLinePerParagraph() {
        List<String> blocks = Arrays.stream(raw.split("\\n\\s*\\n")).map(String::strip).filter(b -> !b.isEmpty()).toList();
        long nonEmptySourceLines = raw.lines().filter(l -> !l.isBlank()).count();
        long operatorLines = blocks.stream().filter("Operator"::equals).count();
        long namedHeaders = blocks.stream().filter(b -> b.length() < 100 && SIMPLE_HEADER.matcher(b).matches()).count();
        long sectionHeaders = blocks.stream().filter("Question-and-Answer Session"::equals).count();
        long pageBreaks = countPageBreaks(blocks);

        assertThat(nonEmptySourceLines).isEqualTo(421);
        assertThat(blocks).as("every paragraph is one source line").hasSize(421);
        assertThat(namedHeaders).as("README: 171 named headers").isEqualTo(171);
        assertThat(operatorLines).as("README: 15 Operator lines").isEqualTo(15);
        assertThat(sectionHeaders).isEqualTo(1);
        assertThat(pageBreaks).as("10 breaks before a lower-case word, 1 before '1,000 a week'").isEqualTo(11);
        long expected = blocks.size() - namedHeaders - operatorLines - sectionHeaders - pageBreaks;
        assertThat(expected).isEqualTo(223);
        assertThat(lines).hasSize((int) expected);
    }

    @Test
    void joinsEveryPageBreakOfTheFileIntoOneLine() {
        assertThat(lines).extracting(ParsedLine::text).anySatisfy(t -> assertThat(t).contains("Could it potentially change"))
                .anySatisfy(t -> assertThat(t).contains("and insurance, in a really compelling"))
                .anySatisfy(t -> assertThat(t).contains("that will really be able to unlock"))
                .anySatisfy(t -> assertThat(t).contains("on an annual basis, it's good"))
                .anySatisfy(t -> assertThat(t).contains("a migration strategy, where"))
                .anySatisfy(t -> assertThat(t).contains("And then obviously on the manufacturing"))
                .anySatisfy(t -> assertThat(t).contains("this is – the spool up is"))
                .anySatisfy(t -> assertThat(t).contains("we've told them 1,000 a week in July"))
                .anySatisfy(t -> assertThat(t).contains("1 million units per year in 2020"))
                .anySatisfy(t -> assertThat(t).contains("twice as much capacity"))
                .anySatisfy(t -> assertThat(t).contains("Productivity, productivity, productivity."));
    }

    @Test
    void groupsIntoTheSpeakerTurnsTheReadmeCounts() {
        assertThat(turns(lines)).as("171 named headers + 15 Operator lines + the opening text").hasSize(187);
        List<ParsedLine> beforeQa = lines.stream().filter(l -> l.section() == Section.PREPARED_REMARKS).toList();
        assertThat(turns(beforeQa)).hasSize(12);
        assertThat(lines.subList(0, beforeQa.size())).isEqualTo(beforeQa);
    }

    @Test
    void givesTheOpeningTextNoSpeakerAndEveryOtherLineOne() {
        assertThat(lines.get(0).speakerLabel()).isNull();
        assertThat(lines.get(0).text()).startsWith("Thank you. First of all, I'd like to announce");
        assertThat(lines.get(1).speakerLabel()).isNull();
        assertThat(lines.subList(2, lines.size())).allSatisfy(l -> assertThat(l.speakerLabel()).isNotNull());
    }

    @Test
    void readsTheLongestAffiliationWhole() {
        assertThat(lines).filteredOn(l -> "Tyler Charles Frank".equals(l.speakerLabel()))
                .extracting(ParsedLine::affiliation)
                .containsOnly("Robert W. Baird & Co., Inc. (Private Wealth Management)");
        assertThat(lines).filteredOn(l -> "Operator".equals(l.speakerLabel()))
                .extracting(ParsedLine::affiliation).containsOnlyNulls();
    }

    @Test
    void leavesNoArtefactInTheText() {
        assertThat(lines).extracting(ParsedLine::text).allSatisfy(text -> {
            assertThat(MARKER.matcher(text).find()).as(text).isFalse();
            assertThat(text).doesNotContain("[ph]", "\\$", "  ", " ,", " .").isEqualTo(text.strip()).isNotEmpty();
        });
        assertThat(lines).extracting(ParsedLine::text)
                .anySatisfy(t -> assertThat(t).contains("worth about $10,000 more"))
                .anySatisfy(t -> assertThat(t).contains("I don't think this is likely to occur."))
                .anySatisfy(t -> assertThat(t).contains("I think – yeah."));
    }

    @Test
    void readsAllSixtyOneMarkers() {
        long inFile = MARKER.matcher(raw).results().count();
        int read = format.paragraphs(raw).stream().mapToInt(p -> p.text().markers().size()).sum();

        assertThat(inFile).isEqualTo(61);
        assertThat(read).isEqualTo(61);
    }

    @Test
    void keepsOffsetsNonNegativeAndNonDecreasingWithDurationsToTheNextLine() {
        assertThat(lines).extracting(ParsedLine::callOffsetMs).isSorted().allSatisfy(o -> assertThat(o).isNotNegative());
        for (int i = 0; i + 1 < lines.size(); i++) {
            assertThat(lines.get(i).durationMs()).isEqualTo(lines.get(i + 1).callOffsetMs() - lines.get(i).callOffsetMs());
        }
        assertThat(lines.get(lines.size() - 1).durationMs()).isNull();
    }

    @Test
    void placesTheOpeningWithinTheFirstMinutesAndTheEndAfterTheLastMarker() {
        assertThat(lines.get(0).callOffsetMs()).isBetween(1L, 7 * 60_000L + 12_000L);
        assertThat(lines.get(lines.size() - 1).callOffsetMs()).isGreaterThan(71 * 60_000L + 51_000L);
    }

    @Test
    void takesTheTimeOfLinesThatOpenWithAMarkerFromTheMarker() {
        List<ParsedLine> exact = lines.stream().filter(l -> !l.flags().contains(LineFlag.INTERPOLATED_TIME)).toList();

        assertThat(exact).extracting(ParsedLine::callOffsetMs)
                .containsExactly(1_185_000L, 1_865_000L, 3_495_000L, 3_994_000L);
        assertThat(exact).extracting(ParsedLine::text).allSatisfy(t -> assertThat(t).doesNotStartWith("("));
    }

    @Test
    void flagsEveryLineThatHeldAMarkerAsInaudible() {
        long sourceLinesWithMarkers = raw.lines().filter(l -> MARKER.matcher(l).find()).count();

        // No page break joins two paragraphs that both hold a marker, so the counts agree.
        assertThat(sourceLinesWithMarkers).isEqualTo(46);
        assertThat(lines).filteredOn(l -> l.flags().contains(LineFlag.INAUDIBLE)).hasSize(46);
    }

    @Test
    void flagsTheOnePhoneticSpelling() {
        assertThat(lines).filteredOn(l -> l.flags().contains(LineFlag.PHONETIC_SPELLING))
                .singleElement().extracting(ParsedLine::speakerLabel).isEqualTo("Elon Reeve Musk");
    }

    @Test
    void detectsItsOwnLayoutFromTheHead() {
        assertThat(format.detect(raw.substring(0, 2_000))).isTrue();
    }

    private static long countPageBreaks(List<String> blocks) {
        long count = 0;
        for (int i = 0; i + 1 < blocks.size(); i++) {
            String before = blocks.get(i);
            String after = blocks.get(i + 1);
            boolean bothSpeech = isSpeech(before) && isSpeech(after);
            boolean unfinished = !before.matches("(?s).*[.?!]$");
            boolean continues = Character.isLowerCase(after.charAt(0)) || Character.isDigit(after.charAt(0));
            if (bothSpeech && unfinished && continues) {
                count++;
            }
        }
        return count;
    }

    private static boolean isSpeech(String block) {
        return !block.equals("Operator") && !block.equals("Question-and-Answer Session")
                && !(block.length() < 100 && SIMPLE_HEADER.matcher(block).matches());
    }

    private static List<List<ParsedLine>> turns(List<ParsedLine> lines) {
        List<List<ParsedLine>> turns = new ArrayList<>();
        for (ParsedLine line : lines) {
            List<ParsedLine> current = turns.isEmpty() ? null : turns.get(turns.size() - 1);
            if (current != null && Objects.equals(current.get(0).speakerLabel(), line.speakerLabel())) {
                current.add(line);
            } else {
                turns.add(new ArrayList<>(List.of(line)));
            }
        }
        return turns;
    }
}
