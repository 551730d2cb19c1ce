package io.callstream.backtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callstream.ingest.source.InputFiles;

/**
 * The files of a corpus folder, one per call: every transcript below the folder, found as {@code ingest file} finds
 * them ({@link InputFiles}: .txt, .tsv, .jsonl, .ndjson, .json, in name order), less the twins of a call already
 * taken from another file. Files in one folder whose names differ only in the extension, a {@code .segments} before
 * it not counting, are one call in two layouts: the shared data holds each Earnings-21/22 call as {@code X.txt} and
 * {@code X.segments.tsv}, and backtesting both would count every call twice. The {@code .txt} is kept (the
 * transcript a desk receives, with speakers' names), then canonical JSON Lines, then segments.
 *
 * @param files the files to backtest, in name order
 * @param twins the files left out, each with the file kept for its call
 */
public record CorpusFiles(List<Path> files, List<Twin> twins) {

    /** A file left out because {@code kept} holds the same call. */
    public record Twin(Path skipped, Path kept) {
    }

    private static final List<String> PREFERRED_EXTENSIONS = List.of("txt", "jsonl", "ndjson", "json", "tsv");

    public CorpusFiles {
        files = List.copyOf(files);
        twins = List.copyOf(twins);
    }

    /** @throws IllegalArgumentException when {@code folder} is not a folder */
    public static CorpusFiles find(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder: give the folder that holds the calls' "
                    + "transcripts (searched recursively, in any layout 'ingest file' reads)");
        }
        Map<Path, List<Path>> byCall = new LinkedHashMap<>();
        for (Path file : InputFiles.expand(List.of(folder))) {
            byCall.computeIfAbsent(callOf(file), key -> new ArrayList<>()).add(file);
        }
        List<Path> files = new ArrayList<>();
        List<Twin> twins = new ArrayList<>();
        for (List<Path> sameCall : byCall.values()) {
            sameCall.sort(Comparator.comparingInt(CorpusFiles::rank).thenComparing(Comparator.naturalOrder()));
            Path kept = sameCall.get(0);
            files.add(kept);
            sameCall.subList(1, sameCall.size()).forEach(twin -> twins.add(new Twin(twin, kept)));
        }
        files.sort(Comparator.naturalOrder());
        return new CorpusFiles(files, twins);
    }

    /** The call a file holds, as its folder and its name without extension or {@code .segments}. */
    static Path callOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        if (stem.toLowerCase(Locale.ROOT).endsWith(".segments")) {
            stem = stem.substring(0, stem.length() - ".segments".length());
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of(stem) : parent.resolve(stem);
    }

    private static int rank(Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        int rank = PREFERRED_EXTENSIONS.indexOf(extension);
        return rank < 0 ? PREFERRED_EXTENSIONS.size() : rank;
    }
}
