package io.callstream.deploy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The hand-labelled calls of a folder: every gold file {@code ID.gold.jsonl} under it (searched recursively, in path
 * order), each with the transcript {@code ID.txt} found anywhere under a corpus folder. What {@code train-topics}
 * trains on and {@code evaluate --gold DIR} scores.
 */
final class LabelledCalls {

    /** One labelled call: its id (the gold file's name), its labels and its transcript. */
    record LabelledCall(String id, Path gold, Path transcript) {
    }

    private LabelledCalls() {
    }

    /**
     * Every labelled call of {@code labels}; a folder without gold files, a call without a transcript, and a call
     * whose gold file or transcript is found twice (which one is meant?) are errors.
     */
    static List<LabelledCall> find(Path labels, Path corpus) throws IOException {
        List<Path> goldFiles = files(labels, ".gold.jsonl");
        if (goldFiles.isEmpty()) {
            throw new IllegalArgumentException(labels + " holds no ID.gold.jsonl file");
        }
        Map<String, List<Path>> transcripts = byId(files(corpus, ".txt"), ".txt");
        List<LabelledCall> calls = new ArrayList<>();
        byId(goldFiles, ".gold.jsonl").forEach((id, golds) -> {
            if (golds.size() > 1) {
                throw new IllegalArgumentException(golds + " all label call " + id + ": keep one");
            }
            List<Path> transcript = transcripts.getOrDefault(id, List.of());
            if (transcript.isEmpty()) {
                throw new IllegalArgumentException(golds.get(0) + ": no transcript " + id + ".txt under " + corpus);
            }
            if (transcript.size() > 1) {
                throw new IllegalArgumentException(golds.get(0) + ": " + transcript + " are all " + id + ".txt under "
                        + corpus + ": keep one");
            }
            calls.add(new LabelledCall(id, golds.get(0), transcript.get(0)));
        });
        return List.copyOf(calls);
    }

    /** The files by the id their name gives (the name less {@code suffix}), in path order. */
    private static Map<String, List<Path>> byId(List<Path> files, String suffix) {
        Map<String, List<Path>> byId = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            byId.computeIfAbsent(name.substring(0, name.length() - suffix.length()), id -> new ArrayList<>())
                    .add(file);
        }
        return byId;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        }
    }
}
