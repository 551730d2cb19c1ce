package io.callstream.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificates the client trusts for an {@code https://} registry: the JVM's own trust store (the default,
 * right for Confluent Cloud and any registry with a publicly signed certificate), or a given trust store, named as
 * Confluent's clients name it ({@code schema.registry.ssl.truststore.location}, {@code .password}, {@code .type}),
 * for a registry signed by a private CA. Host names are always verified. No client certificates (mTLS).
 *
 * <p>{@code toString()} never shows the password.
 */
public final class RegistryTrust {

    private static final RegistryTrust JVM_DEFAULT = new RegistryTrust(null, null, null);

    private final Path location;
    private final char[] password;
    private final String type;

    private RegistryTrust(Path location, char[] password, String type) {
        this.location = location;
        this.password = password;
        this.type = type;
    }

    /** The JVM's trust store ({@code cacerts}, or {@code -Djavax.net.ssl.trustStore}). */
    public static RegistryTrust jvmDefault() {
        return JVM_DEFAULT;
    }

    /**
     * A trust store file.
     *
     * @param password null when the store has none (a PKCS12 trust store of certificates only may not)
     * @param type     JKS or PKCS12; null for PKCS12, Java's default since 9 (JKS files are read either way)
     */
    public static RegistryTrust trustStore(Path location, String password, String type) {
        Objects.requireNonNull(location, "location");
        return new RegistryTrust(location, password == null ? null : password.toCharArray(),
                type == null || type.isBlank() ? "PKCS12" : type.strip().toUpperCase(Locale.ROOT));
    }

    public boolean isJvmDefault() {
        return location == null;
    }

    /** The SSL context for the HTTP client; reads the trust store file now, so a bad one fails at start-up. */
    public SSLContext sslContext() {
        try {
            if (location == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(type);
            try (InputStream in = Files.newInputStream(location)) {
                store.load(in, password);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // The exception's own text names the file or the algorithm, never the password.
            throw new IllegalArgumentException("Could not read the schema registry trust store " + location + " ("
                    + type + "): " + e.getMessage() + ". Check schema.registry.ssl.truststore.location, .password"
                    + " and .type", e);
        }
    }

    @Override
    public String toString() {
        return location == null ? "RegistryTrust[jvm default]"
                : "RegistryTrust[" + type + " " + location + (password == null ? "" : ", password redacted") + "]";
    }
}
