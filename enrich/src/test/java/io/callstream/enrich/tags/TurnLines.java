package io.callstream.enrich.tags;

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
 * The lines of each turn of real calls, without Kafka: a transcript parsed as ingest parses it, its lines grouped
 * into turns by speaker change (as numbers' {@code TranscriptTurns} does), each line normalized as enrich's
 * {@code TurnText} normalizes it. The shared calls are read in place ({@code callstream.shared.dir}), never copied.
 */
public final class TurnLines {

    private TurnLines() {
    }

    /** A call's turns, each as its non-empty lines in order. */
    public record Call(String name, List<List<String>> turns) {
    }

    /** The bundled Tesla Q4 2016 call. */
    public static Call tesla() {
        return new Call("bundled Tesla sample", turns(TeslaSample.transcript()));
    }

    /** Every transcript of the shared folder (.txt and .segments.tsv of both sets, and the Tesla file). */
    public static List<Call> shared() {
        Path data = sharedDataDir();
        List<Path> files = new ArrayList<>();
        for (String set : List.of("earnings21", "earnings22")) {
            Path dir = data.resolve(set);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> listed = Files.list(dir)) {
                    listed.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".segments.tsv"))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Path tesla = data.resolve("tesla-2016-q4-earnings-call.txt");
        if (Files.isRegularFile(tesla)) {
            files.add(tesla);
        }
        return files.stream().map(TurnLines::read).toList();
    }

    /**
     * The texts a prefilter is checked on: every line and every whole turn, its lines joined by each of
     * {@code separators}, of the bundled call and, where it is beside the project, the shared corpus.
     */
    public static List<String> linesAndTurns(String... separators) {
        List<Call> calls = new ArrayList<>(List.of(tesla()));
        if (Files.isDirectory(sharedDataDir())) {
            calls.addAll(shared());
        }
        List<String> texts = new ArrayList<>();
        for (Call call : calls) {
            for (List<String> turn : call.turns()) {
                texts.addAll(turn);
                for (String separator : separators) {
                    texts.add(String.join(separator, turn));
                }
            }
        }
        return texts;
    }

    /**
     * The least count a check over {@link #linesAndTurns} (or every shared call) must reach: {@code withShared} where
     * the shared corpus is beside the project, {@code bundledOnly} on a checkout without it, where only the bundled
     * call is read (the check itself still runs on every text it has).
     */
    public static int floor(int withShared, int bundledOnly) {
        return Files.isDirectory(sharedDataDir()) ? withShared : bundledOnly;
    }

    public static Path sharedDataDir() {
        String configured = System.getProperty("callstream.shared.dir");
        Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        return shared.resolve("data").toAbsolutePath().normalize();
    }

    /** A turn's text after its first {@code count} lines, joined as enrich joins them. */
    public static String prefix(List<String> lines, int count) {
        return String.join(" ", lines.subList(0, count));
    }

    private static Call read(Path file) {
        try {
            String text = Files.readString(file);
            ParsedTranscript parsed = TranscriptFormats.all().detect(text)
                    .orElseThrow(() -> new IllegalStateException("no layout detected for " + file)).parse(text);
            return new Call(file.getParent().getFileName() + "/" + file.getFileName(), turns(parsed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<String>> turns(ParsedTranscript transcript) {
        List<List<String>> turns = new ArrayList<>();
        List<String> current = new ArrayList<>();
        String speaker = null;
        boolean first = true;
        for (ParsedLine line : transcript.lines()) {
            if (!first && !Objects.equals(speaker, line.speakerLabel()) && !current.isEmpty()) {
                turns.add(current);
                current = new ArrayList<>();
            }
            first = false;
            speaker = line.speakerLabel();
            String text = line.text().strip().replaceAll("\\s+", " ");
            if (!text.isEmpty()) {
                current.add(text);
            }
        }
        if (!current.isEmpty()) {
            turns.add(current);
        }
        return turns;
    }
}
