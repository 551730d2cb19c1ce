package io.callstream.ingest.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callstream.avro.CallEvent;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.canonical.CanonicalJson;
import io.callstream.ingest.canonical.CanonicalJsonLines;
import io.callstream.ingest.canonical.LineResult;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.schemas.limits.EventText;

/**
 * Reads one input (a file, or all of stdin) into calls: canonical JSON Lines as the call events they already are
 * (one input may hold several calls), any other layout as one transcript. Bad lines are reported with their line
 * numbers and the good ones kept: lines of canonical input that cannot be read, and in any layout, events whose text
 * breaks {@link EventText}'s rule (a control character, a paragraph over the line limit), refused here where their
 * line is still known.
 */
public final class CallFileReader {

    /** The name of the project's own format on the command line. */
    public static final String CANONICAL = "canonical";

    private final TranscriptFormats formats;
    private final String forcedFormat;
    private final TranscriptLoader transcripts;
    private final CanonicalJson<CallEvent> canonicalJson = CanonicalJson.callEvents();

    /** @param forcedFormat {@code --format}: a layout name, {@value #CANONICAL}, or null to detect */
    public CallFileReader(TranscriptFormats formats, String forcedFormat) {
        this.formats = formats;
        this.forcedFormat = forcedFormat;
        this.transcripts = new TranscriptLoader(formats, CANONICAL.equals(forcedFormat) ? null : forcedFormat);
    }

    /** What an input held: its calls, without the lines refused, and those lines with the reason. */
    public record Read(List<LoadedCall> calls, List<RefusedLine> refused) {
        public Read {
            calls = List.copyOf(calls);
            refused = List.copyOf(refused);
        }

        /** The refused lines as messages, each naming its line. */
        public List<String> problems() {
            return refused.stream().map(RefusedLine::message).toList();
        }
    }

    /**
     * @param bytes  the whole input
     * @param name   its name in messages and the default call id ("calls/tesla.txt", "stdin")
     * @param source where it came from, for CallStarted ("file:tesla.txt")
     * @throws BadInputException when the input as a whole cannot be read
     */
    public Read read(byte[] bytes, String name, String source, CallOverrides overrides) {
        String text = StrictText.decode(bytes, name);
        // A line of a file past this is no transcript (minified JSON, a dump): the file is refused whole. Below it,
        // a paragraph is read, and refused alone if over the line text limit: the rest of its call goes on.
        StrictText.requireLinesWithin(text, CanonicalJsonLines.DEFAULT_MAX_LINE_BYTES, name);
        if (CANONICAL.equals(forcedFormat) || (forcedFormat == null && CanonicalJsonLines.detect(text))) {
            return canonical(bytes, name);
        }
        return checked(transcripts.load(text, name, source, overrides), name);
    }

    /** The call without the events that break the text rule, which are refused naming their line of the file. */
    private Read checked(LoadedCall call, String name) {
        List<CallEvent> kept = new ArrayList<>();
        List<RefusedLine> refused = new ArrayList<>();
        for (int i = 0; i < call.events().size(); i++) {
            CallEvent event = call.events().get(i);
            Optional<String> problem = EventText.problem(event);
            if (problem.isEmpty()) {
                kept.add(event);
            } else {
                byte[] json = canonicalJson.write(event).getBytes(StandardCharsets.UTF_8);
                refused.add(new RefusedLine(event.getCallId(), where(name, call.sourceLine(i), event), problem.get(),
                        json));
            }
        }
        return new Read(List.of(refused.isEmpty() ? call : call.withEvents(kept)), refused);
    }

    private static String where(String name, int line, CallEvent event) {
        if (line > 0) {
            return name + " line " + line;
        }
        return event.getPayload() instanceof TranscriptLine spoken ? name + " (line " + spoken.getLineId() + ")"
                : name + " (the call's " + event.getPayload().getClass().getSimpleName() + ")";
    }

    private Read canonical(byte[] bytes, String name) {
        List<LineResult> results;
        try {
            results = new CanonicalJsonLines().read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new BadInputException(name + ": " + e.getMessage(), e);
        }
        Map<String, List<CallEvent>> byCall = new LinkedHashMap<>();
        List<RefusedLine> refused = new ArrayList<>();
        for (LineResult result : results) {
            if (result instanceof LineResult.Event e) {
                byCall.computeIfAbsent(e.event().getCallId(), id -> new ArrayList<>()).add(e.event());
            } else if (result instanceof LineResult.Refused r) {
                refused.add(new RefusedLine(r.callId(), name + " line " + r.lineNumber(), r.reason(), r.raw()));
            }
        }
        if (byCall.isEmpty() && refused.isEmpty()) {
            throw new BadInputException(name + " holds no call events.");
        }
        List<LoadedCall> calls = new ArrayList<>();
        byCall.forEach((callId, events) -> calls.add(new LoadedCall(callId, name, CANONICAL, events)));
        return new Read(calls, refused);
    }

    /** Every format name {@code --format} takes. */
    public String formatNames() {
        return formats.names() + ", " + CANONICAL;
    }
}
