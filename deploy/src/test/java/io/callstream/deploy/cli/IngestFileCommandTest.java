package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.TranscriptLine;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.AcmeCall;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.canonical.CanonicalJsonLines;
import io.callstream.ingest.canonical.LineResult;
import io.callstream.schemas.limits.RecordLimits;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callstream ingest file} as a user runs it, against the embedded broker. */
@Tag("integration")
class IngestFileCommandTest {

    private static EmbeddedStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
        TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), 3, (short) 1);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }


    private Path folderOfCalls() throws Exception {
        Path calls = Files.createDirectories(dir.resolve("calls"));
        Files.writeString(calls.resolve("Tesla_Q4-2016.txt"), TeslaSample.text());
        Files.writeString(calls.resolve("acme-q3.txt"), AcmeCall.TIMED_TEXT);
        Files.writeString(calls.resolve("README.md"), "# not a transcript\n");
        return calls;
    }

    @Test
    void dryRunPrintsEachCallsEventsAsCanonicalJsonLines() throws Exception {
        CliRun run = CliRun.of("ingest", "file", folderOfCalls().toString(), "--dry-run");

        assertThat(run.exit()).as(run.err()).isZero();
        List<CallEvent> events = new ArrayList<>();
        for (LineResult r : new CanonicalJsonLines().read(new StringReader(run.out()))) {
            assertThat(r).isInstanceOf(LineResult.Event.class);
            events.add(((LineResult.Event) r).event());
        }
        Map<String, List<CallEvent>> byCall = byCall(events);
        assertThat(byCall).containsOnlyKeys("tesla-q4-2016", "acme-q3");
        List<TranscriptLine> acme = lines(byCall.get("acme-q3"));
        assertThat(acme).extracting(TranscriptLine::getSpeakerLabel)
                .containsExactly("Speaker 1", "Jane Roe", "Jane Roe", "Speaker 1");
        assertThat(acme.get(1).getText()).isEqualTo("Thank you. Revenue grew 12% to $2 billion.");
        assertThat(byCall.get("acme-q3")).extracting(CallEvent::getCallOffsetMs).contains(3000L, 10_000L, 20_000L, 31_000L);
        assertThat(((CallStarted) byCall.get("acme-q3").get(0).getPayload()).getCompany()).isEqualTo("Acme Corp");
        assertThat(lines(byCall.get("tesla-q4-2016"))).hasSize(lines(TeslaSample.events()).size());
    }

    @Test
    void publishesEveryGoodCallAndReportsTheBadFileWithoutStopping() throws Exception {
        Path calls = folderOfCalls();
        Files.write(calls.resolve("latin1.txt"), "Operator\n\nCaf\u00e9 ol\u00e9.\n".getBytes(StandardCharsets.ISO_8859_1));

        CliRun run = CliRun.of("ingest", "file", calls.toString(), "--speed", "max",
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("latin1.txt is not valid UTF-8 near line 3");
        Map<String, List<CallEvent>> onTopic = byCall(readCallEvents());
        assertThat(onTopic).containsKeys("tesla-q4-2016", "acme-q3").doesNotContainKey("latin1");
        assertThat(lines(onTopic.get("acme-q3"))).extracting(TranscriptLine::getSeq).containsExactly(0L, 1L, 2L, 3L);
        assertThat(lines(onTopic.get("tesla-q4-2016"))).hasSize(lines(TeslaSample.events()).size());
    }

    @Test
    void aParagraphOf600KbIsOneDeadLetterNamingItsLineAndEveryOtherLineOfTheFileIsSent() throws Exception {
        String paragraph = "We grew revenue again in every region. ".repeat(15_400); // 600,600 characters
        String transcript = AcmeCall.TIMED_TEXT.replace("Thank you. Revenue grew 12% to $2 billion.", paragraph.strip());
        Path file = Files.writeString(dir.resolve("long-paragraph.txt"), transcript);

        CliRun run = CliRun.of("ingest", "file", file.toString(), "--speed", "max",
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("skipped " + file + " line 7: text is 600599 bytes of UTF-8, over the limit of "
                + RecordLimits.MAX_LINE_TEXT_BYTES + ": split it into lines (sentences)").contains("1 line(s) refused");
        List<CallEvent> sent = byCall(readCallEvents()).get("long-paragraph");
        assertThat(lines(sent)).extracting(TranscriptLine::getSeq).containsExactly(0L, 2L, 3L);
        assertThat(sent.get(0).getPayload()).isInstanceOf(CallStarted.class);
        assertThat(sent.get(sent.size() - 1).getPayload()).isInstanceOf(CallEnded.class);
        List<DeadLetter> letters = TopicContents.readAll(stack.endpoints(), TopicNames.defaults().deadLetters(),
                DeadLetter.class).stream().filter(l -> "long-paragraph".equals(l.getCallId())).toList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getStage()).isEqualTo("ingest");
            assertThat(letter.getSource()).isEqualTo("file " + file + " line 7");
            assertThat(letter.getReason()).contains("over the limit of " + RecordLimits.MAX_LINE_TEXT_BYTES);
            assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).contains("We grew revenue again");
        });
    }

    @Test
    void anUnknownFormatNameIsAnErrorThatListsTheKnownOnes() throws Exception {
        CliRun run = CliRun.of("ingest", "file", folderOfCalls().toString(), "--format", "pdf", "--dry-run");

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("Unknown format 'pdf'").contains("timed-text").contains("segments");
    }

    private static List<TranscriptLine> lines(List<CallEvent> events) {
        return events.stream().filter(e -> e.getPayload() instanceof TranscriptLine)
                .map(e -> (TranscriptLine) e.getPayload()).toList();
    }

    private static Map<String, List<CallEvent>> byCall(List<CallEvent> events) {
        Map<String, List<CallEvent>> byCall = new LinkedHashMap<>();
        events.forEach(e -> byCall.computeIfAbsent(e.getCallId(), id -> new ArrayList<>()).add(e));
        return byCall;
    }

    private static List<CallEvent> readCallEvents() {
        return TopicContents.readAll(stack.endpoints(), TopicNames.defaults().callEvents(), CallEvent.class);
    }
}
