package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callstream.avro.CallEvent;
import io.callstream.schemas.limits.EventText;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Format 5, canonical JSON Lines: one {@link CallEvent} per line in {@link CanonicalJson canonical JSON}. Unlike the
 * transcript layouts, a file carries whole events (callId, both clocks, CallStarted and CallEnded included), so it
 * is read into events directly, not through a {@code TranscriptFormat}.
 *
 * <p>Reading reports each line, numbered from 1, as an event or a refusal and goes on: blank lines are skipped
 * (they still count in the numbering, so numbers match an editor's). Bytes are decoded strictly as UTF-8 per line.
 */
public final class CanonicalJsonLines {

    /**
     * A line may be as long as the HTTP endpoint's default request. It bounds what is held before parsing, not what
     * an event may say: that is {@link EventText}'s rule, with its limits in {@code RecordLimits}. A line is JSON, so
     * it is larger than its text: a sender may write any character as a six-byte escape (backslash, u, four hex
     * digits), and the envelope and the other fields come on top. 32 KiB of text so written, with four 2 KiB fields
     * likewise, is under 256 KiB, well within 1 MiB, so no event the text rule would take is refused for the length
     * of its line. A line between the two limits is read, then refused by the text rule with a reason naming the
     * field and the fix.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

    /** The envelope's call id, read from a refused line so its dead letter stays with its call. */
    private static final String CALL_ID = "callId";

    private final CanonicalJson<CallEvent> json;
    private final Utf8Lines lines;
    private final int maxLineBytes;

    public CanonicalJsonLines() {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    public CanonicalJsonLines(int maxLineBytes) {
        this.json = CanonicalJson.callEvents();
        this.lines = new Utf8Lines(maxLineBytes);
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads every line of {@code in}, handing each non-blank line's result to {@code each} as it is read. */
    public void read(InputStream in, Consumer<LineResult> each) throws IOException {
        lines.forEach(in, line -> {
            if (!line.blank()) {
                each.accept(decode(line));
            }
        });
    }

    public List<LineResult> read(InputStream in) throws IOException {
        List<LineResult> results = new ArrayList<>();
        read(in, results::add);
        return results;
    }

    /**
     * Reads text that is already characters, whole. Whoever made the Reader decoded it, and a lenient decoder
     * will have put U+FFFD in silently, which no one can tell from a real one afterwards: for bytes use
     * {@link #read(InputStream)}, which decodes strictly (and streams). Here only a lone UTF-16 surrogate (text cut
     * in the middle of a character) is caught, and refuses its line.
     */
    public List<LineResult> read(Reader in) throws IOException {
        StringWriter text = new StringWriter();
        in.transferTo(text);
        String[] split = text.toString().split("\n", -1);
        List<LineResult> results = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            String line = split[i].endsWith("\r") ? split[i].substring(0, split[i].length() - 1) : split[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            RawLine raw = rawLine(i + 1, line);
            if (!raw.blank()) {
                results.add(decode(raw));
            }
        }
        return results;
    }

    private RawLine rawLine(int number, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (hasLoneSurrogate(line)) {
            return new RawLine(number, bytes, null, "holds a broken character (a lone UTF-16 surrogate, as left by"
                    + " text cut in the middle of a character); send whole characters, encoded as UTF-8.");
        }
        if (bytes.length > maxLineBytes) {
            return new RawLine(number, Arrays.copyOf(bytes, maxLineBytes), null, "line is longer than the limit of "
                    + maxLineBytes + " bytes (" + bytes.length + " bytes); split it or raise the limit.");
        }
        return new RawLine(number, bytes, line, null);
    }

    /** Decodes one line already read. */
    public LineResult decode(RawLine line) {
        return decode(line, tree -> { });
    }

    /**
     * Decodes one line already read, letting {@code complete} change the parsed JSON object before it is decoded
     * (the HTTP endpoint fills a missing {@code observedAt} with the time it received the request). An event that
     * breaks {@link EventText}'s rule is refused here, where its line's number and bytes are still at hand for the
     * sender's answer and the dead letter.
     */
    public LineResult decode(RawLine line, Consumer<ObjectNode> complete) {
        if (!line.readable()) {
            return new LineResult.Refused(line.number(), line.bytes(), null, line.problem());
        }
        JsonNode tree = null;
        try {
            tree = json.parse(line.text());
            if (tree instanceof ObjectNode object) {
                complete.accept(object);
            }
            CallEvent event = json.fromTree(tree);
            Optional<String> problem = EventText.problem(event);
            if (problem.isPresent()) {
                return new LineResult.Refused(line.number(), line.bytes(), event.getCallId(), problem.get(), true);
            }
            return new LineResult.Event(line.number(), line.bytes(), event);
        } catch (CanonicalJsonException e) {
            return new LineResult.Refused(line.number(), line.bytes(), callIdOf(tree), e.getMessage());
        }
    }

    /**
     * Whether text that begins with {@code head} is canonical JSON Lines: its first non-blank line starts a JSON
     * object with a {@code callId}. Cheap and lenient on purpose (the head may be cut mid-line): detection only
     * routes the file, and reading it reports every real problem.
     */
    public static boolean detect(String head) {
        String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                return trimmed.startsWith("{") && trimmed.contains("\"callId\"");
            }
        }
        return false;
    }

    private static String callIdOf(JsonNode tree) {
        JsonNode callId = tree == null ? null : tree.get(CALL_ID);
        return callId != null && callId.isTextual() ? callId.textValue() : null;
    }

    /** Writes each event as one line, LF-terminated. */
    public void write(List<CallEvent> events, Writer out) throws IOException {
        for (CallEvent event : events) {
            out.write(json.write(event));
            out.write('\n');
        }
        out.flush();
    }

    /** The events as canonical JSON Lines text. */
    public String write(List<CallEvent> events) {
        StringWriter text = new StringWriter();
        try {
            write(events, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
