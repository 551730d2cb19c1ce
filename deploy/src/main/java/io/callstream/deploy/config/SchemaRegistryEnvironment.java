package io.callstream.deploy.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Schema registry client properties from {@code SCHEMA_REGISTRY_*} environment variables, as {@link KafkaEnvironment}
 * does for Kafka's: {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} is {@code schema.registry.basic.auth.user.info},
 * {@code SCHEMA_REGISTRY_BEARER_AUTH_TOKEN} is {@code schema.registry.bearer.auth.token},
 * {@code SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION} is {@code schema.registry.ssl.truststore.location}: Confluent's
 * names with their {@code schema.registry.} prefix, which
 * {@link io.callstream.schemas.registry.RegistryClientProperties} reads. Credentials come from the environment only,
 * never from flags, which shell history and process lists show. {@code SCHEMA_REGISTRY_URL} is the URL, read apart.
 */
public final class SchemaRegistryEnvironment {

    private static final String PREFIX = "SCHEMA_REGISTRY_";
    public static final String URL_VARIABLE = "SCHEMA_REGISTRY_URL";

    private SchemaRegistryEnvironment() {
    }

    public static Map<String, String> properties(Map<String, String> environment) {
        Map<String, String> properties = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && !name.equals(URL_VARIABLE)) {
                properties.put("schema.registry." + name.substring(PREFIX.length()).toLowerCase(Locale.ROOT)
                        .replace('_', '.'), value);
            }
        });
        return properties;
    }
}
