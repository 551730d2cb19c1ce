package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import io.callstream.avro.CallEvent;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichTopologyTest {

    private static final String TESLA = "Tesla, Inc.";
    private static InProcessSchemaRegistry registry;

    private TopologyTestDriver driver;
    private TestInputTopic<String, CallEvent> events;
    private TestOutputTopic<String, SpeakerTurn> turns;
    private CallTopics topics;
    private Topology topology;
    private final TestCallEvents call = new TestCallEvents("call-1");

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startRegistry() {
        registry = InProcessSchemaRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startDriver() {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
        topics = new CallTopics(TopicNames.defaults(), client);
        topology = EnrichTopology.build(topics, new AvroSerde<>(TurnAssemblyState.class, client, false));
        Properties props = EnrichSettings.defaults("unused:9092", registry.url(), stateDir).toStreamsProperties();
        driver = new TopologyTestDriver(topology, props);
        events = driver.createInputTopic(topics.callEvents().name(),
                topics.callEvents().keySerde().serializer(), topics.callEvents().valueSerde().serializer());
        turns = driver.createOutputTopic(topics.callTurns().name(),
                topics.callTurns().keySerde().deserializer(), topics.callTurns().valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void pipe(CallEvent... callEvents) {
        for (CallEvent e : callEvents) {
            events.pipeInput(e.getCallId(), e, e.getObservedAt());
        }
    }

    private List<SpeakerTurn> finals(List<SpeakerTurn> all) {
        return all.stream().filter(t -> t.getStatus() == Status.FINAL).toList();
    }

    @Test
    void sendsPartialSnapshotOnEveryLineOfTheOpenTurn() {
        pipe(call.started(TESLA),
                call.line("Elon Reeve Musk", TESLA, Section.PREPARED_REMARKS, "Thank you."),
                call.line("Elon Reeve Musk", TESLA, Section.PREPARED_REMARKS, "  First of all,   a word. "));

        List<SpeakerTurn> out = turns.readValuesToList();
        assertThat(out).extracting(SpeakerTurn::getStatus).containsExactly(Status.PARTIAL, Status.PARTIAL);
        assertThat(out).extracting(SpeakerTurn::getVersion).containsExactly(0, 1);
        assertThat(out.get(1).getText()).isEqualTo("Thank you. First of all, a word.");
        assertThat(out.get(1).getLineCount()).isEqualTo(2);
    }

    @Test
    void closesTurnWhenSpeakerChanges() {
        pipe(call.started(TESLA),
                call.line("Operator", null, Section.QUESTIONS_AND_ANSWERS, "Our first question comes from Adam Jonas."),
                call.line("Adam Michael Jonas", "Morgan Stanley & Co. LLC", Section.QUESTIONS_AND_ANSWERS, "Hi."));

        List<SpeakerTurn> out = finals(turns.readValuesToList());
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getTurnIndex()).isZero();
        assertThat(out.get(0).getSpeaker().getRole()).isEqualTo(Role.OPERATOR);
        assertThat(out.get(0).getText()).isEqualTo("Our first question comes from Adam Jonas.");
    }

    @Test
    void closesTurnWhenSectionChangesEvenForTheSameSpeaker() {
        pipe(call.started(TESLA),
                call.line("Elon Reeve Musk", TESLA, Section.PREPARED_REMARKS, "That is all from me."),
                call.line("Elon Reeve Musk", TESLA, Section.QUESTIONS_AND_ANSWERS, "Let's take questions."));

        assertThat(finals(turns.readValuesToList())).extracting(SpeakerTurn::getSection)
                .containsExactly(Section.PREPARED_REMARKS);
    }

    @Test
    void closesOpenTurnWhenCallEnds() {
        pipe(call.started(TESLA),
                call.line("Elon Reeve Musk", TESLA, Section.QUESTIONS_AND_ANSWERS, "Thanks, everyone."),
                call.ended());

        List<SpeakerTurn> out = finals(turns.readValuesToList());
        assertThat(out).singleElement().satisfies(t -> {
            assertThat(t.getSpeaker().getRole()).isEqualTo(Role.EXECUTIVE);
            assertThat(t.getSpeaker().getName()).isEqualTo("Elon Reeve Musk");
            assertThat(t.getStartOffsetMs()).isEqualTo(1000);
        });
    }

    @Test
    void givesRolesFromAffiliations() {
        pipe(call.started(TESLA),
                call.line(null, null, Section.PREPARED_REMARKS, "Opening words."),
                call.line("Operator", null, Section.QUESTIONS_AND_ANSWERS, "Next question."),
                call.line("Adam Michael Jonas", "Morgan Stanley & Co. LLC", Section.QUESTIONS_AND_ANSWERS, "A question."),
                call.line("Elon Reeve Musk", TESLA, Section.QUESTIONS_AND_ANSWERS, "An answer."),
                call.ended());

        List<SpeakerTurn> finals = finals(turns.readValuesToList());
        assertThat(finals).extracting(t -> t.getSpeaker().getRole())
                .containsExactly(Role.EXECUTIVE, Role.OPERATOR, Role.ANALYST, Role.EXECUTIVE);
        assertThat(finals).extracting(t -> t.getSpeaker().getRoleReason()).containsExactly(
                "speaks before the questions, which is the company's part of the call",
                "labelled Operator by the source",
                "affiliation 'Morgan Stanley & Co. LLC' is another firm than the call's company",
                "affiliation 'Tesla, Inc.' is the call's company");
    }

    @Test
    void takesTheRoleTheSourceStatesOverTheAffiliation() {
        CallEvent ceo = call.line("Jane Roe", "Chief Executive Officer", Section.PREPARED_REMARKS, "Welcome.");
        ((io.callstream.avro.TranscriptLine) ceo.getPayload()).setSpeakerRole(Role.EXECUTIVE);
        pipe(call.started(TESLA), ceo, call.ended());

        assertThat(finals(turns.readValuesToList())).extracting(t -> t.getSpeaker().getRole())
                .containsExactly(Role.EXECUTIVE);
    }

    @Test
    void stampsEachTurnWithTheLinesObservedTimeNotTheWallClock() {
        pipe(call.started(TESLA), call.line("Operator", null, Section.QUESTIONS_AND_ANSWERS, "Hello."));

        TestRecord<String, SpeakerTurn> record = turns.readRecord();
        assertThat(record.getRecordTime()).isEqualTo(TestCallEvents.CALL_START.plusMillis(1000));
        assertThat(record.getKey()).isEqualTo("call-1");
    }

    @Test
    void topologyDescriptionIsStable() throws IOException {
        String expected = "(enrich-topology.txt is missing)";
        try (InputStream in = getClass().getResourceAsStream("enrich-topology.txt")) {
            if (in != null) {
                expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        String actual = topology.describe().toString();
        if (!actual.strip().equals(expected.strip())) {
            // Leave the new description beside the build output, so a deliberate rename is one copy away.
            Files.writeString(Path.of("target", "enrich-topology.actual.txt"), actual);
        }
        assertThat(actual.strip()).isEqualTo(expected.strip());
    }
}
