package io.callstream.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a user means by {@code PATH...}: a file as given, a folder as the transcripts in it (and below it), in
 * name order so a run is repeatable. In folders only transcript-like names count, so a README or a manifest beside
 * the calls ({@link CallManifest}) is not mistaken for one.
 */
public final class InputFiles {

    private static final Set<String> TRANSCRIPT_EXTENSIONS = Set.of("txt", "tsv", "jsonl", "ndjson", "json");

    private InputFiles() {
    }

    public static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(InputFiles::looksLikeTranscript).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new BadInputException(path + " does not exist or is not a file or folder.");
            }
        }
        return files;
    }

    private static boolean looksLikeTranscript(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // A sidecar manifest (NAME.meta.json) describes a transcript; it is not one.
        return !name.startsWith(".") && dot > 0
                && TRANSCRIPT_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                && !name.toLowerCase(Locale.ROOT).endsWith(CallManifest.SIDECAR_SUFFIX);
    }
}
