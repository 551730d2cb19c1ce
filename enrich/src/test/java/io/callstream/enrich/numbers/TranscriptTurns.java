package io.callstream.enrich.numbers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.callstream.enrich.turns.TurnText;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.parse.ParsedLine;
import io.callstream.ingest.parse.ParsedTranscript;
import io.callstream.ingest.parse.TranscriptFormats;

/**
 * Turn texts of real calls, without Kafka: a transcript parsed as ingest parses it, its lines grouped into turns by
 * speaker change and joined with single spaces as enrich joins a turn's lines. The Earnings-21/22 calls are read in
 * place from the shared folder ({@code callstream.shared.dir}, which the parent pom sets), never copied.
 */
final class TranscriptTurns {

    private TranscriptTurns() {
    }

    /** The bundled Tesla Q4 2016 call, turn by turn. */
    static List<String> tesla() {
        return turns(TeslaSample.transcript());
    }

    /** The paragraphs of the bundled Tesla call, as ingest delivers them, one per line event. */
    static List<String> teslaParagraphs() {
        return TeslaSample.transcript().lines().stream().map(ParsedLine::text).toList();
    }

    /** A transcript file in any layout ingest reads, turn by turn. */
    static List<String> turns(Path file) {
        try {
            String text = Files.readString(file);
            return turns(TranscriptFormats.all().detect(text)
                    .orElseThrow(() -> new IllegalStateException("no layout detected for " + file)).parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> turns(ParsedTranscript transcript) {
        return turnLines(transcript).stream().map(TranscriptTurns::join).toList();
    }

    /** A transcript file in any layout ingest reads, as each turn's lines in order (unnormalized, as parsed). */
    static List<List<String>> turnLines(Path file) {
        try {
            String text = Files.readString(file);
            return turnLines(TranscriptFormats.all().detect(text)
                    .orElseThrow(() -> new IllegalStateException("no layout detected for " + file)).parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled Tesla Q4 2016 call, as each turn's lines. */
    static List<List<String>> teslaTurnLines() {
        return turnLines(TeslaSample.transcript());
    }

    /** Lines grouped into turns by speaker change, each line's text as parsed. */
    static List<List<String>> turnLines(ParsedTranscript transcript) {
        List<List<String>> turns = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean said = false; // whether the current turn has any words yet: a turn of blank lines runs on
        String speaker = null;
        for (ParsedLine line : transcript.lines()) {
            if (said && !Objects.equals(speaker, line.speakerLabel())) {
                turns.add(List.copyOf(current));
                current.clear();
                said = false;
            }
            speaker = line.speakerLabel();
            current.add(line.text());
            said |= !line.text().isBlank();
        }
        if (said) {
            turns.add(List.copyOf(current));
        }
        return turns;
    }

    /** A turn's text as enrich joins its lines (enrich's own {@link TurnText}). */
    static String join(List<String> lines) {
        return TurnText.join(lines);
    }

    /** The turn's text after one more line, as enrich appends it. */
    static String append(String text, String line) {
        return TurnText.append(text, line);
    }

    /**
     * Every call file of the shared folder, by name: the Earnings-21/22 transcripts ({@code *.txt}) and their
     * sentence tables ({@code *.segments.tsv}), and the Tesla call; empty when the folder is absent.
     */
    static List<Path> sharedCallFiles() {
        List<Path> found = callFiles(name -> name.endsWith(".txt") || name.endsWith(".segments.tsv"));
        Path tesla = sharedDataDir().resolve("tesla-2016-q4-earnings-call.txt");
        if (Files.isRegularFile(tesla)) {
            found.add(tesla);
        }
        return found;
    }

    /** The Earnings-21/22 transcripts ({@code *.txt}) in the shared folder, by name; empty when it is absent. */
    static List<Path> sharedCalls() {
        return callFiles(name -> name.endsWith(".txt"));
    }

    private static List<Path> callFiles(Predicate<String> named) {
        Path data = sharedDataDir();
        List<Path> found = new ArrayList<>();
        for (String set : List.of("earnings21", "earnings22")) {
            Path dir = data.resolve(set);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> named.test(p.getFileName().toString())).sorted().forEach(found::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return found;
    }

    static Path sharedDataDir() {
        String configured = System.getProperty("callstream.shared.dir");
        Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        return shared.resolve("data").toAbsolutePath().normalize();
    }
}
