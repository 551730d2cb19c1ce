package io.callstream.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * One request to the registry, retried with exponential backoff where a retry can help: no answer at all
 * (connection refused or reset, timeout), 5xx, 408 and 429. A 4xx such as 404, 409 or 422 is the registry's
 * considered answer and is never retried. Registering is idempotent in the registry, so retrying a POST is safe.
 */
final class RegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_ERROR_BODY_CHARS = 500;

    private final RegistryClientConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    RegistryHttp(RegistryClientConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                .version(HttpClient.Version.HTTP_1_1);
        if (config.baseUrl().startsWith("https://")) {
            builder.sslContext(config.trust().sslContext());
        }
        this.http = builder.build();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        URI uri = URI.create(config.baseUrl() + path);
        // The request as messages name it: the URL holds no credentials (RegistryClientConfig refuses them).
        String request = method + " " + uri;
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        // Sent up front on every request, as Confluent's clients do, rather than after a 401 challenge: one round
        // trip, and registries that answer 401 without a WWW-Authenticate challenge work too.
        config.auth().authorizationHeader().ifPresent(value -> builder.header("Authorization", value));
        HttpRequest httpRequest = builder.build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                SSLHandshakeException handshake = handshakeFailure(e);
                if (attempt >= config.maxAttempts() || handshake != null) {
                    // A certificate that is not trusted will not become trusted by retrying.
                    throw new SchemaRegistryException(request, SchemaRegistryException.NONE,
                            SchemaRegistryException.NONE, String.valueOf(handshake != null ? handshake : e), attempt, e);
                }
                backOff(request, attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(request, SchemaRegistryException.NONE,
                        SchemaRegistryException.NONE, "interrupted", attempt, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(request, response.body());
            }
            if (isRetryable(status) && attempt < config.maxAttempts()) {
                backOff(request, attempt);
                continue;
            }
            throw failure(request, status, response.body(), attempt);
        }
    }

    private static SSLHandshakeException handshakeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException handshake) {
                return handshake;
            }
        }
        return null;
    }

    static boolean isRetryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** Waits initialBackoff * 2^(attempt-1), capped, before the next attempt. */
    private void backOff(String request, int attempt) {
        long millis = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        try {
            Thread.sleep(Math.min(millis, MAX_BACKOFF.toMillis())); // backing off before a retry is waiting by design
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(request, SchemaRegistryException.NONE,
                    SchemaRegistryException.NONE, "interrupted while waiting to retry", attempt, e);
        }
    }

    private JsonNode parse(String request, String body) {
        try {
            return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(request, 200, SchemaRegistryException.NONE,
                    "answer is not JSON: " + abbreviate(body), 1, e);
        }
    }

    /** Reads Confluent's {"error_code":..,"message":..}; anything else (a proxy's HTML page) is kept as text. */
    private SchemaRegistryException failure(String request, int status, String body, int attempts) {
        int code = status;
        String message = abbreviate(body);
        try {
            JsonNode error = body == null || body.isBlank() ? null : json.readTree(body);
            if (error != null && error.hasNonNull("error_code")) {
                code = error.get("error_code").asInt(status);
                message = error.path("message").asText(message);
            }
        } catch (JsonProcessingException notJson) {
            // The raw body is the best description there is.
        }
        return new SchemaRegistryException(request, status, code, message, attempts, null, config.auth().describe());
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String text = body.strip();
        return text.length() <= MAX_ERROR_BODY_CHARS ? text : text.substring(0, MAX_ERROR_BODY_CHARS) + "...";
    }
}
