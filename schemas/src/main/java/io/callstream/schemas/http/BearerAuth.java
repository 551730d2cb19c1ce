package io.callstream.schemas.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * Bearer-token authentication (RFC 6750): {@code Authorization: Bearer <token>}. The token is compared in
 * constant time, by comparing SHA-256 digests with {@link MessageDigest#isEqual}: neither the position of the first
 * wrong character nor the token's length shows in the time an answer takes.
 */
public final class BearerAuth {

    /** What a request's credentials amount to. */
    public enum Verdict {
        ALLOWED,
        /** No bearer token at all: 401 with a bare challenge. */
        MISSING,
        /** A token, but not the right one: 401 with {@code error="invalid_token"}. */
        INVALID
    }

    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    private BearerAuth(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    public static BearerAuth token(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("The ingest token must not be blank");
        }
        return new BearerAuth(sha256(token));
    }

    /** Every request is allowed: only for a trusted network, chosen explicitly ({@code --no-auth}). */
    public static BearerAuth disabled() {
        return new BearerAuth(null);
    }

    public boolean enabled() {
        return expectedDigest != null;
    }

    /** @param authorization the request's {@code Authorization} header, or null */
    public Verdict check(String authorization) {
        if (expectedDigest == null) {
            return Verdict.ALLOWED;
        }
        // The scheme is case-insensitive (RFC 7235); the token itself is compared exactly.
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Verdict.MISSING;
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return MessageDigest.isEqual(sha256(token), expectedDigest) ? Verdict.ALLOWED : Verdict.INVALID;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
