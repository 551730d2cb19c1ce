package io.callstream.schemas.registry;

/**
 * A schema registry call failed. Carries the HTTP status and the registry's own {@code error_code} and
 * {@code message}, and says in {@link #getMessage()} what to do about it.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Used for {@link #httpStatus()} and {@link #errorCode()} when no HTTP response was received. */
    public static final int NONE = -1;

    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;

    public SchemaRegistryException(String request, int httpStatus, int errorCode, String registryMessage,
                                   int attempts, Throwable cause) {
        this(request, httpStatus, errorCode, registryMessage, attempts, cause, null);
    }

    /**
     * @param credentialsSent what the request carried, in words ({@link RegistryAuth#describe()}), so that a 401 or
     *                        403 can say what to change; never the credentials themselves
     */
    public SchemaRegistryException(String request, int httpStatus, int errorCode, String registryMessage,
                                   int attempts, Throwable cause, String credentialsSent) {
        super(describe(request, httpStatus, errorCode, registryMessage, attempts, credentialsSent), cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    /** The HTTP status of the registry's answer, or {@link #NONE} when it could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 40401, 409, 42201), or {@link #NONE}. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own {@code message}, as it sent it; for unreachable registries, the transport's. */
    public String registryMessage() {
        return registryMessage;
    }

    /** True when the subject, version or schema id asked for does not exist. */
    public boolean isNotFound() {
        return errorCode == ErrorCodes.SUBJECT_NOT_FOUND || errorCode == ErrorCodes.VERSION_NOT_FOUND
                || errorCode == ErrorCodes.SCHEMA_NOT_FOUND || httpStatus == 404;
    }

    /** True when the registry refused the request's credentials, or wanted some (HTTP 401 or 403). */
    public boolean isUnauthorized() {
        return httpStatus == 401 || httpStatus == 403;
    }

    private static String describe(String request, int status, int code, String message, int attempts,
                                   String credentialsSent) {
        if (status == NONE) {
            return "Could not reach the schema registry (" + request + ") after " + attempts + " attempt(s): "
                    + message + ". " + (isCertificateProblem(message)
                    ? "The registry's TLS certificate is not trusted: if a private CA signed it, set"
                    + " SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION (schema.registry.ssl.truststore.location) to a"
                    + " trust store holding that CA, with SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD if it has one."
                    : "Is the registry running, and is the URL right?");
        }
        if (status == 401 || status == 403) {
            return request + " failed with HTTP " + status + ", error_code " + code + ": " + message + ". "
                    + authAdvice(status, credentialsSent);
        }
        return request + " failed with HTTP " + status + ", error_code " + code + ": " + message + ". "
                + advice(status, code, attempts);
    }

    private static boolean isCertificateProblem(String message) {
        return message != null && (message.contains("SSLHandshakeException") || message.contains("PKIX")
                || message.contains("certificat"));
    }

    private static String authAdvice(int status, String credentialsSent) {
        String sent = credentialsSent == null ? "" : " This client sent " + credentialsSent + ".";
        if (status == 403) {
            return "The registry knows these credentials but does not let them do this: grant the account access to"
                    + " the subject (e.g. a Confluent Cloud role binding)." + sent;
        }
        return "The registry wants credentials, or refused the ones sent." + sent + " Set"
                + " SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO=user:secret (basic.auth.credentials.source=USER_INFO,"
                + " basic.auth.user.info) or SCHEMA_REGISTRY_BEARER_AUTH_TOKEN (bearer.auth.token) to credentials"
                + " the registry accepts; for Confluent Cloud, a Schema Registry API key and secret (not a Kafka"
                + " cluster key).";
    }

    private static String advice(int status, int code, int attempts) {
        return switch (code) {
            case ErrorCodes.SUBJECT_NOT_FOUND -> "Register a schema under the subject first (serializers do so when"
                    + " auto-register is on), or check the topic name and the registry URL.";
            case ErrorCodes.VERSION_NOT_FOUND -> "List the subject's versions to see which exist.";
            case ErrorCodes.SCHEMA_NOT_FOUND -> "This registry never assigned that id (or the schema is not under"
                    + " that subject): producer and consumer must use the same schema registry.";
            case ErrorCodes.INCOMPATIBLE_SCHEMA -> "Make the change compatible under the subject's compatibility"
                    + " level (e.g. give an added field a default; only remove fields that have one), or change"
                    + " the subject's compatibility level deliberately.";
            case ErrorCodes.INVALID_SCHEMA -> "Fix the schema: it must parse as Avro, with defaults of the right"
                    + " type and no schema references.";
            case ErrorCodes.INVALID_COMPATIBILITY_LEVEL -> "Use NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD,"
                    + " FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE.";
            default -> status >= 500 || status == 408 || status == 429
                    ? "Gave up after " + attempts + " attempt(s); check the registry's health and logs."
                    : "The request was refused; it will not succeed by retrying.";
        };
    }
}
