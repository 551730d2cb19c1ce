package io.callstream.deploy.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.Topic;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record enrich cannot read goes to call-dlq with its reason and bytes, and the call goes on. */
@Tag("integration")
class EnrichDeadLettersTest {

    @TempDir
    Path stateDir;

    @Test
    void unreadableCallEventBecomesDeadLetterAndLaterLinesStillMakeTurns() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            TopicNames names = TopicNames.defaults();
            CallTopics topics = topicsOn(stack, names);
            try (KafkaStreams enrich = startEnrich(stack, topics)) {
                Serializer<CallEvent> events = topics.callEvents().valueSerde().serializer();
                Instant at = Instant.parse("2017-02-22T22:30:00Z");
                CallEvent started = CallEvent.newBuilder().setCallId("c1").setCallOffsetMs(0).setObservedAt(at)
                        .setPayload(CallStarted.newBuilder().setCompany("Tesla, Inc.").setSource("test").build()).build();
                CallEvent line = CallEvent.newBuilder().setCallId("c1").setCallOffsetMs(1000).setObservedAt(at.plusSeconds(1))
                        .setPayload(TranscriptLine.newBuilder().setLineId("c1-L00000").setSeq(0).setStatus(Status.FINAL)
                                .setSpeakerLabel("Operator").setSection(Section.QUESTIONS_AND_ANSWERS)
                                .setText("Our first question.").setFlags(List.of()).build()).build();
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props(stack), new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    byte[] key = "c1".getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(names.callEvents(), key, events.serialize(names.callEvents(), started))).get();
                    producer.send(new ProducerRecord<>(names.callEvents(), key, "not avro".getBytes(StandardCharsets.UTF_8))).get();
                    producer.send(new ProducerRecord<>(names.callEvents(), key, events.serialize(names.callEvents(), line))).get();
                }

                DeadLetter letter = readOne(stack, topics.deadLetters());
                assertThat(letter.getCallId()).isEqualTo("c1");
                assertThat(letter.getStage()).isEqualTo("enrich");
                assertThat(letter.getReason()).contains("Confluent wire format");
                assertThat(letter.getSourceTopic()).isEqualTo(names.callEvents());
                assertThat(letter.getSourceOffset()).isEqualTo(1L);
                assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).isEqualTo("not avro");

                SpeakerTurn turn = readOne(stack, topics.callTurns());
                assertThat(turn.getText()).isEqualTo("Our first question.");
            }
        }
    }

    /**
     * Issue 13, defect 1: a 900,000-character line written straight to call-events (no ingest in between) once made
     * a turn-assembly changelog record over Kafka's 1 MiB, failed the task on every restart and stopped every call.
     * Now the line is dead-lettered, a speaker's 600 KB monologue is cut into turns that fit, and enrich goes on.
     */
    @Test
    void aNineHundredThousandCharacterLineAndALongMonologueLeaveEnrichRunning() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            TopicNames names = TopicNames.defaults();
            CallTopics topics = topicsOn(stack, names);
            try (KafkaStreams enrich = startEnrich(stack, topics)) {
                Serializer<CallEvent> events = topics.callEvents().valueSerde().serializer();
                Instant at = Instant.parse("2017-02-22T22:30:00Z");
                List<CallEvent> call = new ArrayList<>();
                call.add(CallEvent.newBuilder().setCallId("big").setCallOffsetMs(0).setObservedAt(at)
                        .setPayload(CallStarted.newBuilder().setCompany("Tesla, Inc.").setSource("test").build()).build());
                call.add(lineEvent("big", 0, "Elon Musk", "x".repeat(900_000), at));
                for (int seq = 1; seq <= 20; seq++) {
                    call.add(lineEvent("big", seq, "Elon Musk", seq + "y".repeat(30_000), at));
                }
                call.add(lineEvent("big", 21, "Adam Jonas", "Thank you.", at));
                call.add(CallEvent.newBuilder().setCallId("big").setCallOffsetMs(30_000).setObservedAt(at.plusSeconds(30))
                        .setPayload(io.callstream.avro.CallEnded.newBuilder().setLineCount(22).build()).build());
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props(stack), new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    byte[] key = "big".getBytes(StandardCharsets.UTF_8);
                    for (CallEvent e : call) {
                        producer.send(new ProducerRecord<>(names.callEvents(), key,
                                events.serialize(names.callEvents(), e))).get();
                    }
                }

                DeadLetter letter = readOne(stack, topics.deadLetters());
                assertThat(letter.getReason()).contains("text is 900000 bytes", "over the limit");
                List<SpeakerTurn> turns = readUntil(stack, topics.callTurns(),
                        read -> read.stream().anyMatch(t -> t.getText().equals("Thank you.")
                                && t.getStatus() == Status.FINAL));
                List<SpeakerTurn> monologue = turns.stream().filter(t -> t.getStatus() == Status.FINAL
                        && t.getSpeaker().getLabel().equals("Elon Musk")).toList();
                assertThat(monologue).hasSizeGreaterThan(4);
                assertThat(monologue.stream().mapToLong(SpeakerTurn::getLineCount).sum()).isEqualTo(20);
                assertThat(enrich.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    private static CallTopics topicsOn(EmbeddedStack stack, TopicNames names) {
        TopicCreator.ensure(stack.bootstrapServers(), names, 1, (short) 1);
        return new CallTopics(names, new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl())));
    }

    private KafkaStreams startEnrich(EmbeddedStack stack, CallTopics topics) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        Properties props = EnrichSettings.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), stateDir)
                .toStreamsProperties();
        KafkaStreams enrich = new KafkaStreams(
                EnrichTopology.build(topics, new AvroSerde<>(TurnAssemblyState.class, registry, false)), props);
        enrich.start();
        return enrich;
    }

    private static CallEvent lineEvent(String callId, long seq, String speaker, String text, Instant start) {
        return CallEvent.newBuilder().setCallId(callId).setCallOffsetMs(1000 * (seq + 1))
                .setObservedAt(start.plusSeconds(seq + 1))
                .setPayload(TranscriptLine.newBuilder().setLineId(callId + "-L" + seq).setSeq(seq)
                        .setStatus(Status.FINAL).setSpeakerLabel(speaker).setSection(Section.PREPARED_REMARKS)
                        .setText(text).setFlags(List.of()).build()).build();
    }

    private static Properties props(EmbeddedStack stack) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        return p;
    }

    private static <V> List<V> readUntil(EmbeddedStack stack, Topic<String, V> topic,
                                         java.util.function.Predicate<List<V>> done) {
        Properties p = props(stack);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic.name());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!done.test(values) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        assertThat(done.test(values)).as("what was awaited on " + topic.name() + " came").isTrue();
        return values;
    }

    private static <V> V readOne(EmbeddedStack stack, Topic<String, V> topic) {
        return readUntil(stack, topic, values -> !values.isEmpty()).get(0);
    }
}
