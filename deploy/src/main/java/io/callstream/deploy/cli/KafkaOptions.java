package io.callstream.deploy.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.callstream.deploy.config.KafkaEnvironment;
import io.callstream.deploy.config.SchemaRegistryEnvironment;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.RegistryClientProperties;
import io.callstream.schemas.registry.SchemaRegistryClient;
import picocli.CommandLine.Option;

/**
 * Where the cluster and the schema registry are, shared by every command that talks to a real cluster. Layered:
 * {@code KAFKA_*} environment variables, then the flags. The registry's credentials and trust store come from
 * {@code SCHEMA_REGISTRY_*} variables only ({@link SchemaRegistryEnvironment}): a secret on the command line would be
 * in shell history and in every process listing.
 */
final class KafkaOptions {

    /** Where variables are read; a test in this process cannot set a real environment variable. */
    Supplier<Map<String, String>> environment = System::getenv;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers (or KAFKA_BOOTSTRAP_SERVERS); './callstream stack' prints one.")
    private String bootstrapServers;

    /** Where Confluent's tools and './callstream stack' put a local registry. */
    static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:" + EmbeddedStack.CONVENTIONAL_REGISTRY_PORT;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry speaking the Confluent REST API (or SCHEMA_REGISTRY_URL; default: "
                    + DEFAULT_REGISTRY_URL + ", where './callstream stack' runs one). A secured one (Confluent Cloud,"
                    + " Karapace): credentials from SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO=user:secret or"
                    + " SCHEMA_REGISTRY_BEARER_AUTH_TOKEN, never flags; an https URL trusts the JVM's CAs, or"
                    + " SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION (and _PASSWORD, _TYPE).")
    private String schemaRegistryUrl;

    /** Client properties: KAFKA_* variables, then the flags. */
    Map<String, String> clientProperties() {
        Map<String, String> properties = new HashMap<>(KafkaEnvironment.properties(environment.get()));
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
        String env = environment.get().get(SchemaRegistryEnvironment.URL_VARIABLE);
        return env != null && !env.isBlank() ? env : DEFAULT_REGISTRY_URL;
    }

    /** The registry's URL with the credentials and trust store the SCHEMA_REGISTRY_* variables give. */
    RegistryClientConfig registryConfig() {
        return RegistryClientProperties.apply(RegistryClientConfig.of(schemaRegistryUrl()),
                SchemaRegistryEnvironment.properties(environment.get()));
    }

    SchemaRegistryClient registryClient() {
        return new SchemaRegistryClient(registryConfig());
    }
}
