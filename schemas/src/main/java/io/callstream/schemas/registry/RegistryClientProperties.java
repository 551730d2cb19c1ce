package io.callstream.schemas.registry;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link RegistryClientConfig} from properties named as Confluent's clients name them, so that what works for
 * Confluent's serializers against Confluent Cloud or Karapace works here unchanged:
 *
 * <ul>
 *   <li>{@code basic.auth.credentials.source=USER_INFO} with {@code basic.auth.user.info=user:secret};</li>
 *   <li>{@code bearer.auth.credentials.source=STATIC_TOKEN} with {@code bearer.auth.token};</li>
 *   <li>{@code schema.registry.ssl.truststore.location}, {@code .password} and {@code .type}.</li>
 * </ul>
 *
 * Each is also taken with a {@code schema.registry.} prefix ({@code schema.registry.basic.auth.user.info}), as
 * Confluent's Java client takes them and its .NET and librdkafka-based clients name them. A source left out is
 * implied by the credentials given. What this client cannot do is refused by name rather than ignored: credentials in
 * the URL ({@code URL}), {@code SASL_INHERIT}, OAuth token sources, basic and bearer at once.
 */
public final class RegistryClientProperties {

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    private static final String PREFIX = "schema.registry.";

    private RegistryClientProperties() {
    }

    /** {@code base} (URL, timeouts, retries) with the credentials and trust store these properties give. */
    public static RegistryClientConfig apply(RegistryClientConfig base, Map<String, String> properties) {
        return base.withAuth(auth(properties)).withTrust(trust(properties));
    }

    static RegistryAuth auth(Map<String, String> properties) {
        String basicSource = upper(get(properties, BASIC_AUTH_CREDENTIALS_SOURCE));
        String userInfo = get(properties, BASIC_AUTH_USER_INFO);
        String bearerSource = upper(get(properties, BEARER_AUTH_CREDENTIALS_SOURCE));
        String token = get(properties, BEARER_AUTH_TOKEN);

        boolean basic = userInfo != null || (basicSource != null && !basicSource.equals("USER_INFO"));
        boolean bearer = token != null || bearerSource != null;
        if (basic && bearer) {
            throw new IllegalArgumentException("Both basic and bearer credentials are set for the schema registry"
                    + " (" + BASIC_AUTH_USER_INFO + " and " + BEARER_AUTH_TOKEN + "); set only one of them");
        }
        if (basicSource != null) {
            switch (basicSource) {
                case "USER_INFO" -> {
                    // Confluent's default source; without user info it means no credentials, as there.
                }
                case "URL" -> throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE + "=URL is not"
                        + " supported: credentials in a URL end up in logs; use USER_INFO with "
                        + BASIC_AUTH_USER_INFO + " (SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO)");
                case "SASL_INHERIT" -> throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE
                        + "=SASL_INHERIT is not supported; use USER_INFO with " + BASIC_AUTH_USER_INFO
                        + " (SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO)");
                default -> throw new IllegalArgumentException("Unknown " + BASIC_AUTH_CREDENTIALS_SOURCE + " '"
                        + basicSource + "': use USER_INFO");
            }
        }
        if (bearerSource != null && !bearerSource.equals("STATIC_TOKEN")) {
            throw new IllegalArgumentException(BEARER_AUTH_CREDENTIALS_SOURCE + "=" + bearerSource + " is not"
                    + " supported: use STATIC_TOKEN with " + BEARER_AUTH_TOKEN + " (SCHEMA_REGISTRY_BEARER_AUTH_TOKEN)");
        }
        if (bearer && token == null) {
            throw new IllegalArgumentException(BEARER_AUTH_CREDENTIALS_SOURCE + "=STATIC_TOKEN needs "
                    + BEARER_AUTH_TOKEN + " (SCHEMA_REGISTRY_BEARER_AUTH_TOKEN)");
        }
        if (userInfo != null) {
            return RegistryAuth.basic(userInfo);
        }
        return token != null ? RegistryAuth.bearer(token) : RegistryAuth.none();
    }

    static RegistryTrust trust(Map<String, String> properties) {
        String location = get(properties, SSL_TRUSTSTORE_LOCATION);
        String password = get(properties, SSL_TRUSTSTORE_PASSWORD);
        String type = get(properties, SSL_TRUSTSTORE_TYPE);
        if (location == null) {
            if (password != null || type != null) {
                throw new IllegalArgumentException(SSL_TRUSTSTORE_PASSWORD + " or .type is set without "
                        + SSL_TRUSTSTORE_LOCATION);
            }
            return RegistryTrust.jvmDefault();
        }
        return RegistryTrust.trustStore(Path.of(location), password, type);
    }

    /**
     * The property under its own name or, for the credentials, also with the {@code schema.registry.} prefix;
     * blank counts as absent. The trust store is taken only by its prefixed name: a bare
     * {@code ssl.truststore.location} is the Kafka client's own.
     */
    private static String get(Map<String, String> properties, String name) {
        String value = properties.get(name);
        if ((value == null || value.isBlank()) && !name.startsWith(PREFIX)) {
            value = properties.get(PREFIX + name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String upper(String value) {
        return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    }
}
