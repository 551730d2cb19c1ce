package io.callstream.deploy.evaluate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hand labels for a call: one JSON object per FINAL turn, in order,
 * {@code {"turnIndex": 0, "speaker": "Operator", "topics": ["guidance"]}}. Read strictly: a line out of order, a
 * missing or unknown key, or a topic id outside the loaded taxonomies is an error naming the file and line.
 */
public record GoldSet(Path source, List<GoldTurn> turns) {

    /** One labelled turn. */
    public record GoldTurn(int turnIndex, String speaker, Set<String> topics) {

        public GoldTurn {
            topics = Set.copyOf(topics);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("turnIndex", "speaker", "topics");

    public GoldSet {
        turns = List.copyOf(turns);
    }

    public static GoldSet read(Path file, Set<String> knownTopicIds) throws IOException {
        List<GoldTurn> turns = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                turns.add(turn(file, line, text, turns.size(), knownTopicIds));
            }
        }
        if (turns.isEmpty()) {
            throw new GoldSetException(file + ": holds no labelled turn");
        }
        return new GoldSet(file, turns);
    }

    private static GoldTurn turn(Path file, int line, String text, int expectedIndex, Set<String> known) {
        String where = file + ":" + line + ": ";
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new GoldSetException(where + "not a JSON object: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw new GoldSetException(where + "not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new GoldSetException(where + "unknown key '" + name + "'; expected " + new TreeSet<>(KEYS));
            }
        }
        JsonNode index = node.get("turnIndex");
        if (index == null || !index.isInt()) {
            throw new GoldSetException(where + "turnIndex must be a whole number");
        }
        if (index.asInt() != expectedIndex) {
            throw new GoldSetException(where + "turnIndex " + index.asInt() + " out of order: FINAL turns are "
                    + "numbered from 0 in order, so this line must be turn " + expectedIndex);
        }
        JsonNode topics = node.get("topics");
        if (topics == null || !topics.isArray()) {
            throw new GoldSetException(where + "topics must be an array of topic ids (empty for none)");
        }
        Set<String> ids = new TreeSet<>();
        for (JsonNode topic : topics) {
            if (!topic.isTextual() || !known.contains(topic.asText())) {
                throw new GoldSetException(where + "topic " + topic + " is not in the loaded taxonomies "
                        + new TreeSet<>(known));
            }
            ids.add(topic.asText());
        }
        JsonNode speaker = node.get("speaker");
        return new GoldTurn(index.asInt(), speaker == null || speaker.isNull() ? null : speaker.asText(), ids);
    }

    /** A gold file that cannot be used; the message names the file and line. */
    public static final class GoldSetException extends RuntimeException {
        public GoldSetException(String message) {
            super(message);
        }
    }
}
