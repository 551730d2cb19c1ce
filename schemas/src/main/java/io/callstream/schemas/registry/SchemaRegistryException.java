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
        super(describe(request, httpStatus, errorCode, registryMessage, attempts), cause);
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

    private static String describe(String request, int status, int code, String message, int attempts) {
        if (status == NONE) {
            return "Could not reach the schema registry (" + request + ") after " + attempts + " attempt(s): "
                    + message + ". Is the registry running, and is the URL right?";
        }
        return request + " failed with HTTP " + status + ", error_code " + code + ": " + message + ". "
                + advice(status, code, attempts);
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
