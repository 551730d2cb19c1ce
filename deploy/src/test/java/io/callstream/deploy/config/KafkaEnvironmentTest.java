package io.callstream.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaEnvironmentTest {

    @Test
    void mapsKafkaVariablesToClientProperties() {
        assertThat(KafkaEnvironment.properties(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "HOME", "/root")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "bootstrap.servers", "broker:9092",
                        "security.protocol", "SASL_SSL"));
    }

    @Test
    void leavesKafkasOwnJvmVariablesAlone() {
        assertThat(KafkaEnvironment.properties(Map.of("KAFKA_HEAP_OPTS", "-Xmx1g", "KAFKA_OPTS", "-Dx=y"))).isEmpty();
    }
}
