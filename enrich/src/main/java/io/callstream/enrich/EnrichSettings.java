package io.callstream.enrich;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.callstream.enrich.errors.DeadLetterDeserializationHandler;
import io.callstream.enrich.errors.DeadLetterProcessingHandler;
import io.callstream.enrich.turns.AssemblyBounds;
import io.callstream.schemas.registry.RegistryAuth;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the enrich stage needs to run, as one immutable value. {@code overrides} are raw Kafka Streams
 * properties (from a file or {@code KAFKA_*} environment variables) and win over the defaults below.
 *
 * <p>The default guarantee is exactly_once_v2 with a 100 ms commit interval: alerting consumers need each alert
 * once, at a cost in latency the README gives (Configuration, measured by bench/run enrich). {@link #lowLatency()}
 * trades it: at_least_once, producer linger 0, no store cache, no compression and one stream thread, so a crash may
 * emit a turn snapshot twice (ids make them idempotent).
 *
 * <p>Turn assembly's bounds ({@link #assemblyBounds()}) come from the same overrides, under the
 * {@code callstream.turns.*} keys below, with {@link AssemblyBounds#defaults()} where absent.
 */
public record EnrichSettings(
        String applicationId,
        String bootstrapServers,
        RegistryClientConfig registry,
        TopicNames topics,
        Path stateDir,
        String processingGuarantee,
        Map<String, String> overrides) {

    public static final String DEFAULT_APPLICATION_ID = "callstream-enrich";
    /** Call time a missing line is waited for, in ms (see {@link AssemblyBounds#maxGapCallTimeMs()}). */
    public static final String MAX_GAP_CALL_TIME_MS_CONFIG = "callstream.turns.max.gap.call.time.ms";
    /** Lines that may wait behind a missing one (see {@link AssemblyBounds#maxBufferedLines()}). */
    public static final String MAX_BUFFERED_LINES_CONFIG = "callstream.turns.max.buffered.lines";
    /** Closed turns kept for late revisions (see {@link AssemblyBounds#recentTurnsKept()}). */
    public static final String RECENT_TURNS_KEPT_CONFIG = "callstream.turns.recent.turns.kept";
    /** Wall-clock time after which a silent live call is closed, in ms (see {@link AssemblyBounds#idleTimeoutMs()}). */
    public static final String IDLE_TIMEOUT_MS_CONFIG = "callstream.turns.idle.timeout.ms";
    /** Wall-clock time an ended call is remembered, in ms (see {@link AssemblyBounds#endedRetentionMs()}). */
    public static final String ENDED_RETENTION_MS_CONFIG = "callstream.turns.ended.retention.ms";

    public EnrichSettings {
        overrides = Map.copyOf(overrides);
    }

    /** Settings for an open registry at {@code registryUrl} (no credentials, the JVM's trust store). */
    public EnrichSettings(String applicationId, String bootstrapServers, String registryUrl, TopicNames topics,
                          Path stateDir, String processingGuarantee, Map<String, String> overrides) {
        this(applicationId, bootstrapServers, RegistryClientConfig.of(registryUrl), topics, stateDir,
                processingGuarantee, overrides);
    }

    public static EnrichSettings defaults(String bootstrapServers, String registryUrl, Path stateDir) {
        return new EnrichSettings(DEFAULT_APPLICATION_ID, bootstrapServers, registryUrl, TopicNames.defaults(),
                stateDir, StreamsConfig.EXACTLY_ONCE_V2, Map.of());
    }

    public String registryUrl() {
        return registry.baseUrl();
    }

    /**
     * These settings at_least_once, with producer linger 0, no store cache, no compression and one stream thread
     * ({@link #toStreamsProperties()} sets them): the lowest latency, a snapshot maybe twice after a crash.
     */
    public EnrichSettings lowLatency() {
        return new EnrichSettings(applicationId, bootstrapServers, registry, topics, stateDir,
                StreamsConfig.AT_LEAST_ONCE, overrides);
    }

    public EnrichSettings withOverrides(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(overrides);
        merged.putAll(more);
        return new EnrichSettings(applicationId, bootstrapServers, registry, topics, stateDir, processingGuarantee, merged);
    }

    /** The same, reaching the registry with {@code config} (its credentials and trust store). */
    public EnrichSettings withRegistry(RegistryClientConfig config) {
        return new EnrichSettings(applicationId, bootstrapServers, config, topics, stateDir, processingGuarantee,
                overrides);
    }

    /** The {@code callstream.turns.*} overrides over the defaults; a value that is not a whole number is refused by key. */
    public AssemblyBounds assemblyBounds() {
        AssemblyBounds d = AssemblyBounds.defaults();
        return new AssemblyBounds(
                number(MAX_GAP_CALL_TIME_MS_CONFIG, d.maxGapCallTimeMs()),
                Math.toIntExact(number(MAX_BUFFERED_LINES_CONFIG, d.maxBufferedLines())),
                Math.toIntExact(number(RECENT_TURNS_KEPT_CONFIG, d.recentTurnsKept())),
                number(IDLE_TIMEOUT_MS_CONFIG, d.idleTimeoutMs()),
                number(ENDED_RETENTION_MS_CONFIG, d.endedRetentionMs()));
    }

    private long number(String key, long fallback) {
        String value = overrides.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'", e);
        }
    }

    public Properties toStreamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        p.put(DeadLetterDeserializationHandler.REGISTRY_URL_CONFIG, registry.baseUrl());
        if (!(registry.auth() instanceof RegistryAuth.None) || !registry.trust().isJvmDefault()) {
            // The dead-letter handlers build their own registry client from these properties, so credentials
            // travel as the config object itself: never a string a properties dump would show (its toString
            // hides them), and Kafka logs the values of its own settings only.
            p.put(DeadLetterDeserializationHandler.REGISTRY_CLIENT_CONFIG, registry);
        }
        p.put(DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters());
        // A record whose processing throws becomes a dead letter too, and the stream thread carries on.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        // On by default from Kafka 5.0 (Streams warns until it is set); without the main.consumer twin every
        // stream thread then warns that its consumer does not know the setting.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), "true");
        // An instance killed (-9) or cut off keeps its calls until the group gives up on it: Kafka's 45 s default held
        // a third of the live calls for 46-85 s. 10 s bounds the wait (a pause of the JVM or network longer than
        // that costs a rebalance, which exactly-once makes harmless); heartbeats at a third of it, as Kafka advises.
        // Not static membership (it spares a rebalance to an instance that comes back, but makes the others wait a
        // whole session for one that does not) nor standby replicas (a call's state is tens of KB: restoring it
        // from the changelog is quick).
        // Unprefixed, so that KAFKA_SESSION_TIMEOUT_MS (an override, put last) still wins.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        if (StreamsConfig.AT_LEAST_ONCE.equals(processingGuarantee)) {
            // Kafka Streams' own producer default (linger 100 ms), not the cache, dominates at_least_once latency.
            p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "0");
            p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
            // One stream thread: with every write sent as it comes, the client's network threads are busy already,
            // and a second stream thread (its own producer and consumer) took 40% longer per burst of calls on 2
            // cores (KAFKA_NUM_STREAM_THREADS=2 bench/run enrich against this).
            p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        } else {
            // Two stream threads: each runs the tasks (partitions, and so calls) it is given, so a second lets the
            // calls of other partitions use a second core while the first is busy between commits.
            p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2");
            // Exactly-once sends a commit interval's records at once (the store cache holds the state's writes until
            // then, the producer lingers): a turn snapshot carries the turn's text, several KB, each line sends two,
            // and the 16 KB default batch held a few. Larger batches, compressed with the cheapest codec (successive
            // snapshots of a turn repeat its text), make fewer, smaller requests. Not for the low-latency setting
            // above, which sends each record as it comes: there a batch is a record or two, and compressing each
            // cost more than it saved (bench/run enrich).
            p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "262144");
            p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        }
        p.putAll(overrides);
        return p;
    }
}
