package io.callstream.deploy.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties from {@code KAFKA_*} environment variables, the way container images configure clients:
 * {@code KAFKA_BOOTSTRAP_SERVERS} is {@code bootstrap.servers}, {@code KAFKA_SASL_JAAS_CONFIG} is
 * {@code sasl.jaas.config}. Variables that Kafka's own scripts use for the JVM are not client properties.
 */
public final class KafkaEnvironment {

    private static final String PREFIX = "KAFKA_";
    private static final Set<String> NOT_PROPERTIES = Set.of(
            "KAFKA_HEAP_OPTS", "KAFKA_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_JMX_OPTS", "KAFKA_LOG4J_OPTS",
            "KAFKA_GC_LOG_OPTS", "KAFKA_DEBUG", "KAFKA_HOME");

    private KafkaEnvironment() {
    }

    public static Map<String, String> properties(Map<String, String> environment) {
        Map<String, String> properties = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && !NOT_PROPERTIES.contains(name)) {
                properties.put(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return properties;
    }
}
