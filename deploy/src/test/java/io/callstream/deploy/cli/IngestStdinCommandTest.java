package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.TranscriptLine;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code callstream ingest stdin} as a pipe feeds it, against the embedded broker. */
@Tag("integration")
class IngestStdinCommandTest {

    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
        TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), 3, (short) 1);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String event(String callId, long seq, String payload) {
        return "{\"callId\":\"" + callId + "\",\"callOffsetMs\":" + seq * 1000 + ",\"observedAt\":" + (1487802600000L
                + seq * 1000) + ",\"payload\":" + payload + "}";
    }

    private static String line(String callId, long seq, String text) {
        return event(callId, seq, "{\"TranscriptLine\":{\"lineId\":\"" + callId + "-L" + seq + "\",\"seq\":" + seq
                + ",\"speakerLabel\":\"Speaker 1\",\"text\":\"" + text + "\"}}");
    }

    /** Runs the command with {@code input} as its standard input; System.in is the command's only source. */
    private static CliRun withStdin(String input, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.of(args);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void aLineWithANulIsOneDeadLetterWithItsReasonAndTheRestOfTheCallIsProduced() {
        String nul = line("stdin-nul", 1, "Revenue\\u0000 grew.");
        String input = event("stdin-nul", 0, "{\"CallStarted\":{\"company\":\"Acme\",\"source\":\"test\"}}") + "\n"
                + line("stdin-nul", 0, "Good afternoon.") + "\n"
                + nul + "\n"
                + line("stdin-nul", 2, "We ship <script>alert(1)</script> next quarter.") + "\n"
                + event("stdin-nul", 3, "{\"CallEnded\":{\"lineCount\":3}}") + "\n";

        CliRun run = withStdin(input, "ingest", "stdin", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("line 3 refused: text holds the control character U+0000 at position 7")
                .contains("Produced 4 event(s) to call-events; 1 line(s) refused (on call-dlq)");
        List<CallEvent> sent = TopicContents.readAll(stack.endpoints(), TopicNames.defaults().callEvents(),
                CallEvent.class).stream().filter(e -> "stdin-nul".equals(e.getCallId())).toList();
        assertThat(sent).hasSize(4);
        assertThat(sent).filteredOn(e -> e.getPayload() instanceof TranscriptLine)
                .extracting(e -> ((TranscriptLine) e.getPayload()).getText())
                .containsExactly("Good afternoon.", "We ship <script>alert(1)</script> next quarter.");
        List<DeadLetter> letters = TopicContents.readAll(stack.endpoints(), TopicNames.defaults().deadLetters(),
                DeadLetter.class).stream().filter(l -> "stdin-nul".equals(l.getCallId())).toList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getStage()).isEqualTo("ingest");
            assertThat(letter.getSource()).isEqualTo("stdin line 3");
            assertThat(letter.getReason()).startsWith("text holds the control character U+0000");
            assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).isEqualTo(nul);
        });
    }

    @Test
    void aTranscriptOnStdinWithAControlCharacterIsOneDeadLetterNamingItsLine() {
        String transcript = """
                Acme Corp Q4 earnings call

                Speaker 1
                (00:03) Good morning and welcome.

                Jane Roe
                (00:10) Thank you.\u001B[2J Revenue grew.
                (00:20) Margins improved.
                """;

        CliRun run = withStdin(transcript, "ingest", "stdin", "--format", "timed-text", "--call-id", "stdin-esc",
                "--speed", "max", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("refused stdin line 7: text holds the control character U+001B");
        List<CallEvent> sent = TopicContents.readAll(stack.endpoints(), TopicNames.defaults().callEvents(),
                CallEvent.class).stream().filter(e -> "stdin-esc".equals(e.getCallId())).toList();
        assertThat(sent).filteredOn(e -> e.getPayload() instanceof TranscriptLine)
                .extracting(e -> ((TranscriptLine) e.getPayload()).getSeq()).containsExactly(0L, 2L);
        List<DeadLetter> letters = TopicContents.readAll(stack.endpoints(), TopicNames.defaults().deadLetters(),
                DeadLetter.class).stream().filter(l -> "stdin-esc".equals(l.getCallId())).toList();
        assertThat(letters).singleElement().extracting(DeadLetter::getSource).isEqualTo("stdin line 7");
    }
}
