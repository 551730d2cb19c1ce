package io.callstream.schemas.registry.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Who may use the in-process registry. Open by default, as a registry on 127.0.0.1 for one machine's stack is;
 * secured, every request must carry HTTP Basic credentials (as Confluent Schema Registry with basic auth, Karapace
 * with users, and Confluent Cloud's API keys work) or a bearer token, or it is answered 401.
 *
 * <p>Credentials are compared in constant time: both sides are hashed with SHA-256 and the digests compared with
 * {@link MessageDigest#isEqual}, so neither the position of the first wrong character nor a length shows in the time
 * an answer takes. {@code toString()} never shows a secret.
 */
public final class RegistryAccess {

    private static final RegistryAccess OPEN = new RegistryAccess(null, null);

    private final byte[] basicDigest;
    private final byte[] bearerDigest;

    private RegistryAccess(byte[] basicDigest, byte[] bearerDigest) {
        this.basicDigest = basicDigest;
        this.bearerDigest = bearerDigest;
    }

    /** Anyone may read and write: the default. */
    public static RegistryAccess open() {
        return OPEN;
    }

    /** Requests must carry {@code Authorization: Basic base64(user:secret)}. */
    public static RegistryAccess basic(String user, String secret) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
        if (user.isEmpty() || user.indexOf(':') >= 0 || secret.isEmpty()) {
            throw new IllegalArgumentException("A registry user needs a name without ':' and a non-empty secret");
        }
        return new RegistryAccess(sha256(user + ":" + secret), null);
    }

    /** Requests must carry {@code Authorization: Bearer <token>}. */
    public static RegistryAccess bearer(String token) {
        return OPEN.orBearer(token);
    }

    /** These credentials, or a bearer token as well. */
    public RegistryAccess orBearer(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("A registry bearer token must not be blank");
        }
        return new RegistryAccess(basicDigest, sha256(token.strip()));
    }

    public boolean secured() {
        return basicDigest != null || bearerDigest != null;
    }

    /** @param authorization the request's {@code Authorization} header, or null */
    boolean allows(String authorization) {
        if (!secured()) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        // The scheme is case-insensitive (RFC 7235); the credentials are compared exactly.
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = value.substring(space + 1).strip();
        if (scheme.equals("basic") && basicDigest != null) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(credentials);
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
            return MessageDigest.isEqual(sha256(decoded), basicDigest);
        }
        if (scheme.equals("bearer") && bearerDigest != null) {
            return MessageDigest.isEqual(sha256(credentials.getBytes(StandardCharsets.UTF_8)), bearerDigest);
        }
        return false;
    }

    /** The schemes a 401 challenges with, one {@code WWW-Authenticate} header each (RFC 7235). */
    List<String> challenges() {
        List<String> challenges = new ArrayList<>();
        if (basicDigest != null) {
            challenges.add("Basic realm=\"SchemaRegistry\", charset=\"UTF-8\"");
        }
        if (bearerDigest != null) {
            challenges.add("Bearer realm=\"SchemaRegistry\"");
        }
        return challenges;
    }

    @Override
    public String toString() {
        if (!secured()) {
            return "RegistryAccess[open]";
        }
        return "RegistryAccess[" + (basicDigest != null ? "basic" : "") + (basicDigest != null && bearerDigest != null
                ? " or " : "") + (bearerDigest != null ? "bearer" : "") + ", redacted]";
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
