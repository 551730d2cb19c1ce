package io.callstream.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How the client proves who it is to the registry: nothing, HTTP Basic (Confluent's
 * {@code basic.auth.credentials.source=USER_INFO} with {@code basic.auth.user.info=user:secret}, as Confluent Cloud's
 * API keys and Karapace's users are given) or a static bearer token ({@code bearer.auth.token}).
 *
 * <p>{@code toString()} never shows a secret, nor the user name (a Confluent Cloud API key is half the credential):
 * configs are printed and end up in logs and exception messages.
 */
public sealed interface RegistryAuth {

    /** The value of the {@code Authorization} header to send with every request, if any. */
    Optional<String> authorizationHeader();

    /** What is sent, in words fit for a log line or an error message (never the secret). */
    String describe();

    static RegistryAuth none() {
        return None.INSTANCE;
    }

    /**
     * HTTP Basic credentials as {@code user:secret}, split at the first ':' as Confluent's clients split them (a
     * secret may hold ':').
     */
    static RegistryAuth basic(String userInfo) {
        Objects.requireNonNull(userInfo, "userInfo");
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
            // The value is not echoed: it may be a secret pasted in the wrong place.
            throw new IllegalArgumentException("basic.auth.user.info must be 'user:secret' (a user name, a colon,"
                    + " then the secret)");
        }
        refuseControlCharacters(userInfo, "basic.auth.user.info");
        return new Basic(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    }

    static RegistryAuth bearer(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("bearer.auth.token must not be blank");
        }
        refuseControlCharacters(token.strip(), "bearer.auth.token");
        return new Bearer(token.strip());
    }

    /** A line break in a header value would end the header; refused here so the HTTP layer never echoes it. */
    private static void refuseControlCharacters(String value, String property) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(property + " holds a control character (a line break?); check how"
                    + " the value was pasted");
        }
    }

    /** No credentials: the registry is open (the default, as a local or in-process registry is). */
    final class None implements RegistryAuth {
        private static final None INSTANCE = new None();

        private None() {
        }

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "no credentials";
        }

        @Override
        public String toString() {
            return "RegistryAuth[none]";
        }
    }

    /** HTTP Basic (RFC 7617): {@code Authorization: Basic base64(user:secret)} in UTF-8. */
    final class Basic implements RegistryAuth {
        private final String header;

        private Basic(String user, String secret) {
            this.header = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of(header);
        }

        @Override
        public String describe() {
            return "HTTP Basic credentials (basic.auth.user.info)";
        }

        @Override
        public String toString() {
            return "RegistryAuth[basic, redacted]";
        }
    }

    /** A static bearer token (RFC 6750): {@code Authorization: Bearer <token>}. */
    final class Bearer implements RegistryAuth {
        private final String header;

        private Bearer(String token) {
            this.header = "Bearer " + token;
        }

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of(header);
        }

        @Override
        public String describe() {
            return "a bearer token (bearer.auth.token)";
        }

        @Override
        public String toString() {
            return "RegistryAuth[bearer, redacted]";
        }
    }
}
