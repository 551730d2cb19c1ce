package io.callstream.deploy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** Every labelled call of {@code labels}; a folder without gold files, or a call without a transcript, is an error. */
    static List<LabelledCall> find(Path labels, Path corpus) throws IOException {
        List<Path> goldFiles = files(labels, ".gold.jsonl");
        if (goldFiles.isEmpty()) {
            throw new IllegalArgumentException(labels + " holds no ID.gold.jsonl file");
        }
        Map<String, Path> transcripts = new HashMap<>();
        for (Path file : files(corpus, ".txt")) {
            transcripts.putIfAbsent(file.getFileName().toString().replaceFirst("\\.txt$", ""), file);
        }
        List<LabelledCall> calls = new ArrayList<>();
        for (Path gold : goldFiles) {
            String id = gold.getFileName().toString().replaceFirst("\\.gold\\.jsonl$", "");
            Path transcript = transcripts.get(id);
            if (transcript == null) {
                throw new IllegalArgumentException(gold + ": no transcript " + id + ".txt under " + corpus);
            }
            calls.add(new LabelledCall(id, gold, transcript));
        }
        return List.copyOf(calls);
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
