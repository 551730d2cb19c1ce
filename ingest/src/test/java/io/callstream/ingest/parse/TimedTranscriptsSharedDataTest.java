package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.LineFlag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Both timed formats against every Earnings-21/22 call of the shared data folder. Expectations are counted from
 * the raw files with simple means of their own (a regex, a tab split), never read back from the parsers.
 */
class TimedTranscriptsSharedDataTest {

    private static final Pattern RAW_STAMP = Pattern.compile("^\\((\\d+):(\\d\\d)(?::(\\d\\d))?\\)");
    private static final String SEGMENTS = ".segments.tsv";

    private final TranscriptFormats formats = TranscriptFormats.all();

    @TestFactory
    Stream<DynamicTest> everyTimedTranscriptIsDetectedAndParsedTurnForTurn() {
        return SharedTranscripts.eachFile(".txt", file -> () -> {
            String text = read(file);
            RawTimedText raw = RawTimedText.of(text);

            TranscriptFormat format = detect(text);
            assertThat(format).isInstanceOf(TimedTextFormat.class);
            ParsedTranscript transcript = format.parse(text);
            List<ParsedLine> lines = transcript.lines();

            assertThat(transcript.title()).isEqualTo(raw.title());
            assertThat(lines).hasSize(raw.stamps().size());
            assertThat(labelRuns(lines)).isEqualTo(runs(raw.headers()));
            assertThat(lines).extracting(ParsedLine::callOffsetMs).isSorted()
                    .containsExactlyElementsOf(runningMax(raw.stamps()));
        });
    }

    @TestFactory
    Stream<DynamicTest> everySegmentsFileIsDetectedAndParsedRowForRow() {
        return SharedTranscripts.eachFile(SEGMENTS, file -> () -> {
            String text = read(file);
            RawSegments raw = RawSegments.of(text);

            TranscriptFormat format = detect(text);
            assertThat(format).isInstanceOf(SegmentsFormat.class);
            List<ParsedLine> lines = format.parse(text).lines();

            assertThat(lines).hasSize(raw.rows());
            // turn_idx runs are the turns; a line carries only a label, so turns of one label in a row merge, but for
            // two speaker ids under one label, which the parser numbers apart (Hector, Hector (2)).
            assertThat(raw.turnLabels()).hasSize(raw.distinctTurns());
            assertThat(runs(labelRuns(lines).stream().map(TimedTranscriptsSharedDataTest::unnumbered).toList()))
                    .isEqualTo(runs(raw.turnLabels()));
            assertThat(lines).extracting(ParsedLine::callOffsetMs).isSorted()
                    .containsExactlyElementsOf(runningMax(raw.startsMs()));
            assertThat(lines).filteredOn(line -> line.flags().contains(LineFlag.INTERPOLATED_TIME))
                    .hasSize(raw.partlyAnchoredRows());
        });
    }

    @TestFactory
    Stream<DynamicTest> timedTextAndSegmentsOfACallNameTheSameSpeakersTurnForTurn() {
        return SharedTranscripts.eachFile(SEGMENTS, segments -> () -> {
            Path transcript = segments.resolveSibling(callName(segments) + ".txt");
            assertThat(transcript).exists();
            String text = read(transcript);
            String rows = read(segments);

            assertThat(RawSegments.of(rows).turnLabels()).isEqualTo(RawTimedText.of(text).headers());
            assertThat(runs(labelRuns(new SegmentsFormat().parse(rows).lines()).stream()
                    .map(TimedTranscriptsSharedDataTest::unnumbered).toList()))
                    .isEqualTo(labelRuns(new TimedTextFormat().parse(text).lines()));
        });
    }

    private TranscriptFormat detect(String text) {
        String head = text.substring(0, Math.min(TranscriptFormats.HEAD_CHARS, text.length()));
        return formats.detect(head).orElseThrow(() -> new AssertionError("no format claims it"));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String callName(Path segments) {
        String name = segments.getFileName().toString();
        return name.substring(0, name.length() - SEGMENTS.length());
    }

    /** A segments label without the number the parser gives a second speaker id under it ("Hector (2)"). */
    private static String unnumbered(String label) {
        return label.replaceAll(" \\(\\d+\\)$", "");
    }

    /** The speaker label of each run of consecutive lines with the same label. */
    private static List<String> labelRuns(List<ParsedLine> lines) {
        return runs(lines.stream().map(ParsedLine::speakerLabel).toList());
    }

    private static List<String> runs(List<String> labels) {
        List<String> runs = new ArrayList<>();
        for (String label : labels) {
            if (runs.isEmpty() || !Objects.equals(runs.get(runs.size() - 1), label)) {
                runs.add(label);
            }
        }
        return runs;
    }

    private static List<Long> runningMax(List<Long> values) {
        List<Long> result = new ArrayList<>(values.size());
        long max = 0;
        for (long value : values) {
            max = Math.max(max, value);
            result.add(max);
        }
        return result;
    }

    /** A timed transcript counted line by line: after the title, a line opens with a stamp or is a header. */
    private record RawTimedText(String title, List<String> headers, List<Long> stamps) {

        static RawTimedText of(String text) {
            List<String> lines = text.lines().toList();
            List<String> headers = new ArrayList<>();
            List<Long> stamps = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                Matcher m = RAW_STAMP.matcher(line);
                if (m.find()) {
                    long a = Long.parseLong(m.group(1));
                    long b = Long.parseLong(m.group(2));
                    stamps.add(1000 * (m.group(3) == null ? a * 60 + b : (a * 60 + b) * 60 + Long.parseLong(m.group(3))));
                } else if (!line.isBlank()) {
                    headers.add(line);
                }
            }
            return new RawTimedText(lines.get(0), headers, stamps);
        }
    }

    /** A segments TSV counted row by row, columns found by name in its header. */
    private record RawSegments(int rows, List<String> turnLabels, int distinctTurns, List<Long> startsMs,
                               int partlyAnchoredRows) {

        static RawSegments of(String text) {
            List<String> lines = text.lines().filter(line -> !line.isEmpty()).toList();
            List<String> header = List.of(lines.get(0).split("\t"));
            int turn = header.indexOf("turn_idx");
            int label = header.indexOf("speaker_label");
            int start = header.indexOf("start_s");
            int anchored = header.indexOf("anchored_frac");
            List<String> turnLabels = new ArrayList<>();
            Set<String> turns = new LinkedHashSet<>();
            List<Long> starts = new ArrayList<>();
            int partlyAnchored = 0;
            String previousTurn = null;
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split("\t", -1);
                if (!fields[turn].equals(previousTurn)) {
                    turnLabels.add(fields[label]);
                    previousTurn = fields[turn];
                }
                turns.add(fields[turn]);
                starts.add(Math.round(Double.parseDouble(fields[start]) * 1000));
                if (Double.parseDouble(fields[anchored]) < 1.0) {
                    partlyAnchored++;
                }
            }
            return new RawSegments(lines.size() - 1, turnLabels, turns.size(), starts, partlyAnchored);
        }
    }
}
