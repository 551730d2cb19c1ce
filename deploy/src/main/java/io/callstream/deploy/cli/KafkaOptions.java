package io.callstream.deploy.cli;

import java.util.HashMap;
import java.util.Map;

import io.callstream.deploy.config.KafkaEnvironment;
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

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry speaking the Confluent REST API (or SCHEMA_REGISTRY_URL); "
                    + "'./callstream stack' prints one.")
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
        String url = schemaRegistryUrl != null ? schemaRegistryUrl : System.getenv("SCHEMA_REGISTRY_URL");
        if (url == null) {
            throw new IllegalArgumentException("No schema registry given: pass --schema-registry-url URL "
                    + "(or set SCHEMA_REGISTRY_URL); './callstream stack' runs one locally.");
        }
        return url;
    }

    SchemaRegistryClient registryClient() {
        return new SchemaRegistryClient(RegistryClientConfig.of(schemaRegistryUrl()));
    }
}
