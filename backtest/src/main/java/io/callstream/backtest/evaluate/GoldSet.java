package io.callstream.backtest.evaluate;

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
 * {@code {"turnIndex": 0, "speaker": "Operator", "topics": ["guidance"]}}, optionally with what the turn said when it
 * was labelled, so that a change in how turns are cut shows: its {@code text}, or only its {@code textSha256} (a
 * file kept where the transcript may not be copied); and, per topic, the {@code evidence}: the spans of the text that
 * make the turn about it, each quoted exactly ({@code "we expect revenue to grow"}, with the text) or as character
 * offsets {@code [start, end]}. Read strictly: a line out of order, a missing or unknown key, a topic id outside the
 * loaded taxonomies, or evidence for a topic the turn lacks, not in its text or out of its bounds is an error naming
 * the file and line.
 */
public record GoldSet(Path source, List<GoldTurn> turns) {

    /**
     * One labelled turn.
     *
     * @param textSha256 the SHA-256 (hex) of the turn's text when the gold file gives the text or its hash, else null
     * @param evidence   by topic, the spans of the text that carry it; empty where none is given
     */
    public record GoldTurn(int turnIndex, String speaker, String textSha256, Set<String> topics,
                           Map<String, List<Span>> evidence) {

        public GoldTurn {
            topics = Set.copyOf(topics);
            evidence = Map.copyOf(evidence);
        }

        public GoldTurn(int turnIndex, String speaker, Set<String> topics) {
            this(turnIndex, speaker, null, topics, Map.of());
        }
    }

    /** Character offsets into a turn's text, end exclusive. */
    public record Span(int start, int end) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("turnIndex", "speaker", "text", "textSha256", "topics", "evidence");

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
        JsonNode hashNode = node.get("textSha256");
        if (textNode != null && !textNode.isTextual() || hashNode != null && !hashNode.isTextual()) {
            throw new GoldSetException(where + "text and textSha256 must be strings");
        }
        String turnText = textNode == null ? null : textNode.asText();
        String hash = turnText != null ? sha256(turnText) : hashNode == null ? null : hashNode.asText();
        return new GoldTurn(index.asInt(), speaker == null || speaker.isNull() ? null : speaker.asText(), hash,
                ids, evidence(where, node.get("evidence"), ids, turnText));
    }

    private static Map<String, List<Span>> evidence(String where, JsonNode node, Set<String> topics, String text) {
        Map<String, List<Span>> evidence = new TreeMap<>();
        if (node == null || node.isNull()) {
            return evidence;
        }
        if (!node.isObject()) {
            throw new GoldSetException(where + "evidence must be an object of topic id to spans");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String topic = field.getKey();
            if (!topics.contains(topic)) {
                throw new GoldSetException(where + "evidence for '" + topic + "', which is not among the turn's "
                        + "topics " + topics);
            }
            if (!field.getValue().isArray()) {
                throw new GoldSetException(where + "evidence for '" + topic + "' must be an array of spans");
            }
            List<Span> spans = new ArrayList<>();
            for (JsonNode span : field.getValue()) {
                spans.add(span(where + "evidence for '" + topic + "' ", span, text));
            }
            evidence.put(topic, spans);
        }
        return evidence;
    }

    private static Span span(String where, JsonNode span, String text) {
        if (span.isTextual()) {
            int start = text == null ? -1 : text.indexOf(span.asText());
            if (span.asText().isBlank() || start < 0) {
                throw new GoldSetException(where + "quotes \"" + span.asText() + "\", which is not in the turn's "
                        + (text == null ? "text (give \"text\" with a quote, or offsets [start, end])"
                        : "text: quote it exactly"));
            }
            return new Span(start, start + span.asText().length());
        }
        if (span.isArray() && span.size() == 2 && span.get(0).isInt() && span.get(1).isInt()
                && 0 <= span.get(0).asInt() && span.get(0).asInt() < span.get(1).asInt()
                && (text == null || span.get(1).asInt() <= text.length())) {
            return new Span(span.get(0).asInt(), span.get(1).asInt());
        }
        throw new GoldSetException(where + "holds " + span + ", neither a quote of the text nor offsets [start, end] "
                + "inside it");
    }

    /** The hex SHA-256 of a turn's text as UTF-8: how a gold file without the text names it. */
    public static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every Java runtime", e);
        }
    }

    /** A gold file that cannot be used; the message names the file and line. */
    public static final class GoldSetException extends RuntimeException {
        public GoldSetException(String message) {
            super(message);
        }
    }
}
