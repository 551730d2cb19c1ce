package io.callstream.schemas.consume;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.callstream.schemas.topics.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Several readers of the pipeline's topics on one {@link TopicFollower}: each record is read from the broker once,
 * decoded once by its topic's deserializer, and handed to every reader of its topic in the order they joined, on the
 * follower's thread. The demo's printers, the dashboard's feed and the monitor read the same topics in one process;
 * apart, each would poll and decode every record again.
 *
 * <p>Readers join before the follower is made, by {@link #findPartitions} or {@link #run}, whichever comes first; the
 * status methods ({@link #caughtUp}, {@link #positions}, ...) are those of the follower, over the topics of every
 * reader. A reader that throws stops the follower for every reader ({@link #failure}): a reader that can go on past a
 * record it cannot use says so by not throwing.
 */
public final class TopicFanOut implements Runnable, AutoCloseable {

    /** Takes the records of the topics it joined for, decoded; runs on the follower's thread. */
    public interface Reader {

        /** A record and its value, null for a tombstone. */
        void accept(ConsumerRecord<String, byte[]> record, SpecificRecord value);

        /**
         * A record its topic's deserializer refused. By default the refusal stops the follower ({@link #failure});
         * a reader that can go on without the record (a dashboard shows what it can) says so here.
         */
        default void unreadable(ConsumerRecord<String, byte[]> record, RuntimeException refusal) {
            throw refusal;
        }

    }

    private record Route(Deserializer<? extends SpecificRecord> values, List<Reader> readers) {
    }

    private final Map<String, String> clientProperties;
    private final String name;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    /** Written under this object's lock, read without it per record. */
    private volatile TopicFollower follower;
    private boolean closed;
    private boolean running;
    /** Why the follower could not be made on the thread that runs this, if it could not. */
    private volatile RuntimeException startFailure;

    /**
     * @param clientProperties Kafka client settings ({@code bootstrap.servers} at least)
     * @param name             what the readers are together, for the client id and log lines
     */
    public TopicFanOut(Map<String, String> clientProperties, String name) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.name = name;
    }

    /**
     * Has {@code reader} take the records of {@code topics} (a topic to how its values are read, as
     * {@code CallTopics.valueReaders} gives them), from their beginning. A topic another reader joined for already
     * keeps its deserializer: the topics of one pipeline have one each.
     */
    public synchronized TopicFanOut join(Map<String, Deserializer<? extends SpecificRecord>> topics, Reader reader) {
        if (follower != null) {
            throw new IllegalStateException(name + ": readers join before the follower starts");
        }
        Objects.requireNonNull(reader, "reader");
        topics.forEach((topic, values) -> routes.computeIfAbsent(topic, t -> new Route(values, new ArrayList<>()))
                .readers().add(reader));
        return this;
    }

    /**
     * Has {@code values} take the values of {@code topic}, tombstones left out; a record its deserializer refuses
     * stops the follower.
     */
    public <V extends SpecificRecord> TopicFanOut join(Topic<String, V> topic, Consumer<? super V> values) {
        Objects.requireNonNull(values, "values");
        return join(Map.of(topic.name(), topic.valueSerde().deserializer()), (record, value) -> {
            if (value != null) {
                @SuppressWarnings("unchecked") // the topic's deserializer makes a V of each of its records
                V typed = (V) value;
                values.accept(typed);
            }
        });
    }

    /** The topics of every reader, in the order they were first joined for. */
    public synchronized List<String> topics() {
        return List.copyOf(routes.keySet());
    }

    /**
     * {@link TopicFollower#findPartitions}: fixes the start positions now, on the caller's thread, and returns the
     * topics not there. Only by the owner, before it runs the fan-out ({@link #run} looks again itself) and not
     * beside a {@link #close}: a Kafka consumer is for one thread at a time.
     */
    public List<String> findPartitions() {
        TopicFollower f;
        synchronized (this) {
            if (running) {
                throw new IllegalStateException(name + " is running: its partitions are found by its own thread");
            }
            f = follower();
        }
        return f.findPartitions();
    }

    @Override
    public void run() {
        TopicFollower f;
        synchronized (this) {
            if (closed || running) {
                return;
            }
            running = true;
            try {
                f = follower();
            } catch (RuntimeException e) {
                startFailure = e; // said by failure(): the caller's wait for this reader ends at once
                return;
            }
        }
        f.run();
    }

    private synchronized TopicFollower follower() {
        if (closed && follower == null) {
            throw new IllegalStateException(name + " is closed");
        }
        if (follower == null) {
            if (routes.isEmpty()) {
                throw new IllegalStateException(name + ": no reader joined");
            }
            follower = new TopicFollower(clientProperties, name, List.copyOf(routes.keySet()),
                    TopicFollower.Start.BEGINNING, this::handOn);
        }
        return follower;
    }

    private void handOn(ConsumerRecord<String, byte[]> record) {
        Route route = routes.get(record.topic());
        SpecificRecord value;
        try {
            value = route.values().deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException refusal) {
            for (Reader reader : route.readers()) {
                reader.unreadable(record, refusal);
            }
            return;
        }
        for (Reader reader : route.readers()) {
            reader.accept(record, value);
        }
    }

    /** The next offset to read per partition of every reader's topics; empty before the follower runs. */
    public Map<TopicPartition, Long> positions() {
        TopicFollower f = started();
        return f == null ? Map.of() : f.positions();
    }

    /** {@link TopicFollower#startingEnd}: where a partition ended when it was found; null for one not found. */
    public Long startingEnd(TopicPartition partition) {
        TopicFollower f = started();
        return f == null ? null : f.startingEnd(partition);
    }

    /** {@link TopicFollower#everyTopicFound}, over the topics of every reader. */
    public boolean everyTopicFound() {
        TopicFollower f = started();
        return f != null && f.everyTopicFound();
    }

    /** {@link TopicFollower#caughtUp}, over the topics of every reader. */
    public boolean caughtUp() {
        TopicFollower f = started();
        return f != null && f.caughtUp();
    }

    /** {@link TopicFollower#caughtUp(Collection)}: over {@code topics} alone, the readers' topics or some. */
    public boolean caughtUp(Collection<String> topics) {
        TopicFollower f = started();
        return f != null && f.caughtUp(topics);
    }

    /** Why the follower stopped on its own, or could not start, if it did: any reader's failure included. */
    public Throwable failure() {
        RuntimeException notStarted = startFailure;
        if (notStarted != null) {
            return notStarted;
        }
        TopicFollower f = started();
        return f == null ? null : f.failure();
    }

    private TopicFollower started() {
        return follower;
    }

    /** Stops the follower from any thread; a fan-out closed before it ran reads nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        if (follower != null) {
            follower.close();
        }
    }
}
