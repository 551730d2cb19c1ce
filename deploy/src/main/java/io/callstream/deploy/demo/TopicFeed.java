package io.callstream.deploy.demo;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callstream.schemas.consume.TopicFollower;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Follows some of the pipeline's topics from their beginning while a run goes on, on one reader and its own thread
 * ({@link TopicFollower}: committed records only, since enrich writes in transactions and an aborted record never
 * happened), handing each record's value to its topic's consumer, in order. {@link #positions()} lets the run wait
 * until the feed has caught up with the topics' ends.
 */
final class TopicFeed implements Runnable, AutoCloseable {

    /** A topic, how its values are read and who takes them. */
    record Route<V>(String topic, Deserializer<V> values, Consumer<V> consumer) {

        void accept(ConsumerRecord<String, byte[]> record) {
            V value = values.deserialize(record.topic(), record.headers(), record.value());
            if (value != null) {
                consumer.accept(value);
            }
        }
    }

    private final Map<String, Route<?>> routes;
    private final TopicFollower follower;

    TopicFeed(Map<String, String> clientProperties, List<Route<?>> routes) {
        this.routes = routes.stream().collect(Collectors.toUnmodifiableMap(Route::topic, Function.identity()));
        this.follower = new TopicFollower(clientProperties, "demo-feed", List.copyOf(this.routes.keySet()),
                TopicFollower.Start.BEGINNING, record -> this.routes.get(record.topic()).accept(record));
    }

    @Override
    public void run() {
        follower.run();
    }

    /** Next offset to read per partition, as of the last poll. */
    Map<TopicPartition, Long> positions() {
        return follower.positions();
    }

    /** Why the feed stopped on its own, if it did. */
    Throwable failure() {
        return follower.failure();
    }

    @Override
    public void close() {
        follower.close();
    }
}
