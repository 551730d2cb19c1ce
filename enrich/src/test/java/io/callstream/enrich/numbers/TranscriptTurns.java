package io.callstream.enrich.numbers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

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
        List<String> turns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String speaker = null;
        for (ParsedLine line : transcript.lines()) {
            if (!current.isEmpty() && !Objects.equals(speaker, line.speakerLabel())) {
                turns.add(current.toString());
                current.setLength(0);
            }
            speaker = line.speakerLabel();
            String text = line.text().strip().replaceAll("\\s+", " ");
            if (!text.isEmpty()) {
                current.append(current.isEmpty() ? "" : " ").append(text);
            }
        }
        if (!current.isEmpty()) {
            turns.add(current.toString());
        }
        return turns;
    }

    /** The Earnings-21/22 transcripts ({@code *.txt}) in the shared folder, by name; empty when it is absent. */
    static List<Path> sharedCalls() {
        Path data = sharedDataDir();
        List<Path> found = new ArrayList<>();
        for (String set : List.of("earnings21", "earnings22")) {
            Path dir = data.resolve(set);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().forEach(found::add);
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
