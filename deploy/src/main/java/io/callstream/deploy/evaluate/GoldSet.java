package io.callstream.deploy.evaluate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hand labels for a call: one JSON object per FINAL turn, in order,
 * {@code {"turnIndex": 0, "speaker": "Operator", "topics": ["guidance"]}}, optionally with the turn's {@code text}
 * as it was labelled (so that a change in how turns are cut shows) and, per topic, the {@code evidence}: the
 * sentences or phrases of the text that make the turn about it, quoted exactly,
 * {@code "evidence": {"guidance": ["we expect revenue to grow"]}}. Read strictly: a line out of order, a missing or
 * unknown key, a topic id outside the loaded taxonomies, or evidence for a topic the turn lacks or not in its text is
 * an error naming the file and line.
 */
public record GoldSet(Path source, List<GoldTurn> turns) {

    /**
     * One labelled turn.
     *
     * @param text     the turn's text when the gold file gives it, else null
     * @param evidence by topic, the quoted spans of the text that carry it; empty where none is given
     */
    public record GoldTurn(int turnIndex, String speaker, String text, Set<String> topics,
                           Map<String, List<String>> evidence) {

        public GoldTurn {
            topics = Set.copyOf(topics);
            evidence = Map.copyOf(evidence);
        }

        public GoldTurn(int turnIndex, String speaker, Set<String> topics) {
            this(turnIndex, speaker, null, topics, Map.of());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("turnIndex", "speaker", "text", "topics", "evidence");

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
        JsonNode textNode = node.get("text");
        if (textNode != null && !textNode.isTextual() && !textNode.isNull()) {
            throw new GoldSetException(where + "text must be a string");
        }
        String turnText = textNode == null || textNode.isNull() ? null : textNode.asText();
        return new GoldTurn(index.asInt(), speaker == null || speaker.isNull() ? null : speaker.asText(), turnText,
                ids, evidence(where, node.get("evidence"), ids, turnText));
    }

    private static Map<String, List<String>> evidence(String where, JsonNode node, Set<String> topics, String text) {
        Map<String, List<String>> evidence = new TreeMap<>();
        if (node == null || node.isNull()) {
            return evidence;
        }
        if (!node.isObject()) {
            throw new GoldSetException(where + "evidence must be an object of topic id to quoted spans");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!topics.contains(field.getKey())) {
                throw new GoldSetException(where + "evidence for '" + field.getKey() + "', which is not among the "
                        + "turn's topics " + topics);
            }
            if (!field.getValue().isArray()) {
                throw new GoldSetException(where + "evidence for '" + field.getKey() + "' must be an array of spans");
            }
            List<String> spans = new ArrayList<>();
            for (JsonNode span : field.getValue()) {
                if (!span.isTextual() || span.asText().isBlank()) {
                    throw new GoldSetException(where + "evidence for '" + field.getKey() + "' holds " + span
                            + ", not a quoted span");
                }
                if (text != null && !text.contains(span.asText())) {
                    throw new GoldSetException(where + "evidence for '" + field.getKey() + "' quotes \""
                            + span.asText() + "\", which is not in the turn's text: quote it exactly");
                }
                spans.add(span.asText());
            }
            evidence.put(field.getKey(), spans);
        }
        return evidence;
    }

    /** A gold file that cannot be used; the message names the file and line. */
    public static final class GoldSetException extends RuntimeException {
        public GoldSetException(String message) {
            super(message);
        }
    }
}
