package io.callstream.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.ObjectName;

import io.callstream.avro.CallEnded;
import io.callstream.deploy.testing.SharedStack;
import io.callstream.schemas.consume.TopicFanOut;
import io.callstream.schemas.consume.TopicFollower;
import io.callstream.schemas.topics.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The loop every bystander reader runs (the dashboard's feed, the monitor, the demo's printers) on a real broker:
 * committed records only, where it starts, partitions and topics that appear later, a failure kept, a clean close.
 */
@Tag("integration")
@ExtendWith(SharedStack.class)
class TopicFollowerOnEmbeddedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedStack stack;
    private static Admin admin;

    @BeforeAll
    static void startStack(EmbeddedStack shared) {
        stack = shared;
        admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
    }

    @AfterAll
    static void stopStack() {
        admin.close();
    }

    private static String topic(TestInfo test, String suffix) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName() + "-" + suffix;
        admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
        return name;
    }

    private static KafkaProducer<String, String> producer(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static void send(String topic, int partition, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = producer(null)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, partition, "k", value)).get();
            }
        }
    }

    /** A follower of {@code topics} on its own thread, collecting the values it hands on. */
    private record Following(TopicFollower follower, Thread thread, List<String> values) implements AutoCloseable {

        static Following start(TopicFollower.Start start, TopicFollower.Records also, String... topics) {
            Following following = prepare(start, also, topics);
            following.thread().start();
            return following;
        }

        /** The follower with its partitions found, its thread not started. */
        static Following prepare(TopicFollower.Start start, TopicFollower.Records also, String... topics) {
            List<String> values = Collections.synchronizedList(new ArrayList<>());
            TopicFollower follower = new TopicFollower(Map.of("bootstrap.servers", stack.bootstrapServers()), "test",
                    List.of(topics), start, record -> {
                        also.accept(record);
                        values.add(new String(record.value(), StandardCharsets.UTF_8));
                    });
            follower.findPartitions();
            return new Following(follower, new Thread(follower, "follower-under-test"), values);
        }

        @Override
        public void close() throws InterruptedException {
            follower.close();
            thread.join(30_000);
            assertThat(thread.isAlive()).as("the loop stopped on close").isFalse();
        }
    }

    @Test
    void handsOnCommittedRecordsOnlyFromTheBeginning(TestInfo test) throws Exception {
        String topic = topic(test, "a");
        send(topic, 0, "before");
        try (KafkaProducer<String, String> transactional = producer(UUID.randomUUID().toString())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(topic, 1, "k", "aborted")).get();
            transactional.abortTransaction();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(topic, 1, "k", "committed")).get();
            transactional.commitTransaction();
        }
        try (Following following = Following.start(TopicFollower.Start.BEGINNING, r -> { }, topic)) {
            // The commit's marker may reach the partition after commitTransaction returns: wait for the records.
            await().atMost(WAIT).until(() -> following.values().containsAll(List.of("before", "committed")));
            send(topic, 0, "live");
            await().atMost(WAIT).until(() -> following.values().contains("live"));
            await().atMost(WAIT).until(following.follower()::caughtUp);
            assertThat(following.values()).containsExactlyInAnyOrder("before", "committed", "live");
            assertThat(following.follower().failure()).isNull();
        }
    }

    @Test
    void fromTheEndReadsOnlyWhatComesLaterAndATopicCreatedLaterFromWhenItIsFound(TestInfo test) throws Exception {
        String first = topic(test, "first");
        String later = test.getTestMethod().orElseThrow().getName() + "-later";
        send(first, 0, "history");
        Following following = Following.prepare(TopicFollower.Start.END, r -> { }, first, later);
        try (following) {
            assertThat(following.follower().everyTopicFound()).as("the later topic is not there yet").isFalse();
            // Written before the loop runs, and so before it can find the topic: not read, from the end.
            admin.createTopics(List.of(new NewTopic(later, 1, (short) 1))).all().get();
            send(later, 0, "before it was found");
            following.thread().start();
            send(first, 1, "after start");
            await().atMost(WAIT).until(following.follower()::everyTopicFound);
            send(later, 0, "after it was found");
            await().atMost(WAIT).until(() -> following.values().containsAll(List.of("after start",
                    "after it was found")));
            await().atMost(WAIT).until(following.follower()::caughtUp);
            assertThat(following.values()).containsExactlyInAnyOrder("after start", "after it was found");
        }
    }

    @Test
    void aFollowerClosedBeforeItRanLetsItsConsumerGoAndItsRunEndsAtOnce(TestInfo test) throws Exception {
        String topic = topic(test, "a");
        ObjectName consumer = new ObjectName("kafka.consumer:type=app-info,id=callstream-test");
        Following following = Following.prepare(TopicFollower.Start.BEGINNING, r -> { }, topic);
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(consumer)).as("open").isTrue();
        following.follower().close();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(consumer)).as("closed").isFalse();
        following.thread().start();
        following.thread().join(WAIT.toMillis());
        assertThat(following.thread().isAlive()).isFalse();
        assertThat(following.follower().failure()).isNull();
        assertThat(following.values()).isEmpty();
        TopicFollower missing = new TopicFollower(Map.of("bootstrap.servers", stack.bootstrapServers()), "test",
                List.of(topic, "no-such-topic"), TopicFollower.Start.BEGINNING, r -> { });
        assertThat(missing.findPartitions()).containsExactly("no-such-topic");
        missing.close();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(consumer)).as("closed").isFalse();
        assertThat(admin.listTopics().names().get()).as("looked up, not created").doesNotContain("no-such-topic");
    }

    @Test
    void aFailureStopsTheLoopAndIsKeptWhileCloseStopsItCleanly(TestInfo test) throws Exception {
        String topic = topic(test, "a");
        send(topic, 0, "fine", "poison", "never reached");
        Following failing = Following.start(TopicFollower.Start.BEGINNING, record -> {
            if ("poison".equals(new String(record.value(), StandardCharsets.UTF_8))) {
                throw new IllegalStateException("cannot take poison");
            }
        }, topic);
        failing.thread().join(WAIT.toMillis());
        assertThat(failing.thread().isAlive()).as("the loop stopped on its own").isFalse();
        assertThat(failing.follower().failure()).hasMessage("cannot take poison");
        assertThat(failing.values()).containsExactly("fine");
        failing.close();

        Following closed = Following.start(TopicFollower.Start.BEGINNING, r -> { }, topic);
        await().atMost(WAIT).until(closed.follower()::caughtUp);
        closed.close();
        assertThat(closed.follower().failure()).as("a close is not a failure").isNull();
        assertThat(closed.values()).containsExactly("fine", "poison", "never reached");
    }

    /** Several readers on one follower: each record read and decoded once, handed to every reader of its topic. */
    @Nested
    class FanOut {

        /** Reads a record's text as a CallEnded with that line count; "bad" is refused. Counts what it is given. */
        private final AtomicInteger decoded = new AtomicInteger();
        private final Deserializer<SpecificRecord> lineCounts = (topic, data) -> {
            decoded.incrementAndGet();
            if (data == null) {
                return null; // a tombstone, as Kafka's deserializers read one
            }
            String text = new String(data, StandardCharsets.UTF_8);
            if (text.equals("bad")) {
                throw new SerializationException("not a line count: " + text);
            }
            return CallEnded.newBuilder().setLineCount(Integer.parseInt(text)).setReason(null).build();
        };

        private TopicFanOut.Reader collecting(String reader, List<String> values, List<String> refused) {
            return new TopicFanOut.Reader() {
                @Override
                public void accept(ConsumerRecord<String, byte[]> record, SpecificRecord value) {
                    values.add(record.topic().substring(record.topic().lastIndexOf('-') + 1) + ":"
                            + ((CallEnded) value).getLineCount());
                }

                @Override
                public void unreadable(ConsumerRecord<String, byte[]> record, RuntimeException refusal) {
                    refused.add(reader + ": " + refusal.getMessage());
                }
            };
        }

        @Test
        void readsEachRecordOnceAndHandsItToEveryReaderOfItsTopicInOrder(TestInfo test) throws Exception {
            String shared = topic(test, "shared");
            String own = topic(test, "own");
            send(shared, 0, "1", "bad", "2");
            send(own, 1, "3");
            List<String> first = Collections.synchronizedList(new ArrayList<>());
            List<String> second = Collections.synchronizedList(new ArrayList<>());
            List<String> refused = Collections.synchronizedList(new ArrayList<>());
            TopicFanOut fanOut = new TopicFanOut(Map.of("bootstrap.servers", stack.bootstrapServers()), "test")
                    .join(Map.of(shared, lineCounts, own, lineCounts), collecting("first", first, refused))
                    .join(Map.of(shared, lineCounts), collecting("second", second, refused));
            assertThat(fanOut.topics()).containsExactlyInAnyOrder(shared, own);
            assertThat(fanOut.findPartitions()).as("topics not there").isEmpty();
            assertThatThrownBy(() -> fanOut.join(Map.of(own, lineCounts), collecting("late", first, refused)))
                    .as("a reader joining once the partitions are found").isInstanceOf(IllegalStateException.class);
            Thread thread = new Thread(fanOut, "fan-out-under-test");
            thread.start();
            try {
                await().atMost(WAIT).until(fanOut::caughtUp);
                assertThat(first).containsExactlyInAnyOrder("shared:1", "shared:2", "own:3");
                assertThat(first.indexOf("shared:1")).as("a partition's order").isLessThan(first.indexOf("shared:2"));
                assertThat(second).containsExactly("shared:1", "shared:2");
                assertThat(refused).as("each reader of the topic hears of the refused record")
                        .containsExactly("first: not a line count: bad", "second: not a line count: bad");
                assertThat(decoded).as("each record decoded once, whatever the number of its readers").hasValue(4);
                assertThat(fanOut.failure()).isNull();
            } finally {
                fanOut.close();
                thread.join(30_000);
            }
            assertThat(thread.isAlive()).as("the loop stopped on close").isFalse();
        }

        @Test
        void aRecordAReaderCannotDoWithoutStopsTheFanOutAndATypedReaderSkipsTombstones(TestInfo test)
                throws Exception {
            String topic = topic(test, "a");
            send(topic, 0, "1");
            try (KafkaProducer<String, String> producer = producer(null)) {
                producer.send(new ProducerRecord<>(topic, 0, "k", null)).get();
            }
            send(topic, 0, "bad", "2");
            List<Long> counts = Collections.synchronizedList(new ArrayList<>());
            Topic<String, SpecificRecord> typed = new Topic<>(topic, Serdes.String(),
                    Serdes.serdeFrom((t, v) -> new byte[0], lineCounts));
            TopicFanOut fanOut = new TopicFanOut(Map.of("bootstrap.servers", stack.bootstrapServers()), "test")
                    .join(typed, value -> counts.add(((CallEnded) value).getLineCount()));
            Thread thread = new Thread(fanOut, "fan-out-under-test");
            try {
                thread.start();
                thread.join(WAIT.toMillis());
                assertThat(thread.isAlive()).as("the loop stopped on its own").isFalse();
                assertThat(fanOut.failure()).isInstanceOf(SerializationException.class)
                        .hasMessageContaining("not a line count: bad");
                assertThat(counts).as("the tombstone left out, nothing after the refusal").containsExactly(1L);
            } finally {
                fanOut.close();
            }

            TopicFanOut neverRun = new TopicFanOut(Map.of("bootstrap.servers", stack.bootstrapServers()), "test")
                    .join(typed, value -> counts.add(-1L));
            neverRun.close();
            neverRun.run(); // closed before it ran: reads nothing and returns
            assertThat(counts).containsExactly(1L);

            TopicFanOut nobody = new TopicFanOut(Map.of("bootstrap.servers", stack.bootstrapServers()), "test");
            nobody.run();
            assertThat(nobody.failure()).as("a fan-out that could not start says why")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no reader joined");
        }

        @Test
        void isCaughtUpOnSomeTopicsWhateverTheOthersAndFindsPartitionsOnlyBeforeItRuns(TestInfo test)
                throws Exception {
            String history = topic(test, "history");
            String empty = topic(test, "empty");
            String missing = test.getTestMethod().orElseThrow().getName() + "-missing";
            send(history, 0, "1", "2");
            List<String> values = Collections.synchronizedList(new ArrayList<>());
            List<String> refused = Collections.synchronizedList(new ArrayList<>());
            TopicFanOut fanOut = new TopicFanOut(Map.of("bootstrap.servers", stack.bootstrapServers()), "test")
                    .join(Map.of(history, lineCounts, empty, lineCounts, missing, lineCounts),
                            collecting("reader", values, refused));
            assertThat(fanOut.findPartitions()).containsExactly(missing);
            assertThat(fanOut.caughtUp(List.of(empty))).as("nothing to catch up on an empty topic").isTrue();
            assertThat(fanOut.caughtUp(List.of(history))).as("its history not read yet").isFalse();
            Thread thread = new Thread(fanOut, "fan-out-under-test");
            thread.start();
            try {
                await().atMost(WAIT).until(() -> fanOut.caughtUp(List.of(history, empty)));
                assertThat(values).containsExactly("history:1", "history:2");
                assertThat(fanOut.caughtUp()).as("a topic is missing").isFalse();
                assertThat(fanOut.caughtUp(List.of(history, missing))).as("a topic is missing").isFalse();
                assertThatThrownBy(fanOut::findPartitions).as("its own thread finds them now")
                        .isInstanceOf(IllegalStateException.class);
                assertThat(fanOut.failure()).isNull();
            } finally {
                fanOut.close();
                thread.join(30_000);
            }
        }
    }
}
