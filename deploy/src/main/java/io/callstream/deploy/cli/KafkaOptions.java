package io.callstream.deploy.cli;

import java.util.HashMap;
import java.util.Map;

import io.callstream.deploy.config.KafkaEnvironment;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import picocli.CommandLine.Option;

/**
 * Where the cluster and the schema registry are, shared by every command that talks to a real cluster. Layered:
 * {@code KAFKA_*} environment variables, then the flags.
 */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers (or KAFKA_BOOTSTRAP_SERVERS); './callstream stack' prints one.")
    private String bootstrapServers;

    /** Where Confluent's tools and './callstream stack' put a local registry. */
    static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:" + EmbeddedStack.CONVENTIONAL_REGISTRY_PORT;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry speaking the Confluent REST API (or SCHEMA_REGISTRY_URL; default: "
                    + DEFAULT_REGISTRY_URL + ", where './callstream stack' runs one).")
    private String schemaRegistryUrl;

    /** Client properties: KAFKA_* variables, then the flags. */
    Map<String, String> clientProperties() {
        Map<String, String> properties = new HashMap<>(KafkaEnvironment.properties(System.getenv()));
        if (bootstrapServers != null) {
            properties.put("bootstrap.servers", bootstrapServers);
        }
        if (!properties.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("No Kafka cluster given: pass --bootstrap-servers HOST:PORT "
                    + "(or set KAFKA_BOOTSTRAP_SERVERS); './callstream stack' runs one locally.");
        }
        return properties;
    }

    String schemaRegistryUrl() {
        if (schemaRegistryUrl != null) {
            return schemaRegistryUrl;
        }
        String env = System.getenv("SCHEMA_REGISTRY_URL");
        return env != null && !env.isBlank() ? env : DEFAULT_REGISTRY_URL;
    }

    SchemaRegistryClient registryClient() {
        return new SchemaRegistryClient(RegistryClientConfig.of(schemaRegistryUrl()));
    }
}
