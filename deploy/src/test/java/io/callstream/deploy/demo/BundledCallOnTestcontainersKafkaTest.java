package io.callstream.deploy.demo;

import io.callstream.deploy.stack.StackEndpoints;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same contract against Testcontainers' Kafka, the twin of {@link BundledCallOnEmbeddedKafkaTest}. Skipped,
 * with a message, where no Docker engine runs (as on this project's CI machines).
 */
@Tag("integration")
class BundledCallOnTestcontainersKafkaTest extends BundledCallEndToEndContract {

    private KafkaContainer kafka;
    private InProcessSchemaRegistry registry;

    @Override
    protected String unavailableReason() {
        return DockerClientFactory.instance().isDockerAvailable() ? null
                : "No Docker engine: Testcontainers' Kafka cannot start here; the same contract runs in "
                        + "BundledCallOnEmbeddedKafkaTest against the in-process KRaft broker.";
    }

    @Override
    protected StackEndpoints endpoints() {
        kafka = new KafkaContainer(System.getProperty("callstream.kafka.image", "apache/kafka:4.4.0"));
        kafka.start();
        registry = InProcessSchemaRegistry.start();
        return new StackEndpoints(kafka.getBootstrapServers(), registry.url());
    }

    @AfterAll
    void stop() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }
}
