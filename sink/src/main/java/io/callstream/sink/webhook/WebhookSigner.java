package io.callstream.sink.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body the way Stripe does: HMAC-SHA256 with the endpoint's shared secret over
 * {@code <timestamp>.<body bytes>}, sent as {@code X-Callstream-Signature: sha256=<hex>} beside
 * {@code X-Callstream-Timestamp: <epoch seconds>}. Signing the timestamp too lets a receiver refuse an old request
 * replayed at it; the body is signed as the exact bytes sent, so a receiver must verify before parsing.
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Callstream-Signature";
    public static final String TIMESTAMP_HEADER = "X-Callstream-Timestamp";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("A webhook needs a non-empty shared secret");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The value of the signature header for this timestamp and body: {@code sha256=<lower-case hex>}. */
    public String sign(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public boolean verify(String timestampHeader, byte[] body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long epochSeconds;
        try {
            epochSeconds = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(epochSeconds, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
