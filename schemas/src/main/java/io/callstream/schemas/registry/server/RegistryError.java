package io.callstream.schemas.registry.server;

import io.callstream.schemas.registry.ErrorCodes;
import java.util.List;

/**
 * A refusal the registry answers with, as Confluent's JSON {@code {"error_code":..,"message":..}}. Thrown by the
 * store and the routing alike and turned into the HTTP answer in one place. No stack trace: it is an answer to a
 * request, not a fault in the registry.
 */
final class RegistryError extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    RegistryError(int httpStatus, int errorCode, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, ErrorCodes.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(int version) {
        return new RegistryError(404, ErrorCodes.VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    static RegistryError schemaIdNotFound(int id) {
        return new RegistryError(404, ErrorCodes.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    static RegistryError schemaNotUnderSubject(String subject) {
        return new RegistryError(404, ErrorCodes.SCHEMA_NOT_FOUND,
                "Schema not found under subject '" + subject + "'");
    }

    static RegistryError subjectSoftDeleted(String subject) {
        return new RegistryError(404, ErrorCodes.SUBJECT_SOFT_DELETED, "Subject '" + subject
                + "' was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryError versionSoftDeleted(String subject, int version) {
        return new RegistryError(404, 40406, "Subject '" + subject + "' Version " + version
                + " was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, ErrorCodes.INVALID_SCHEMA, "Invalid schema: " + detail);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, ErrorCodes.INVALID_VERSION, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibilityLevel(String level) {
        return new RegistryError(422, ErrorCodes.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level '"
                + level + "'. Valid values are " + List.of(CompatibilityLevel.values()));
    }

    static RegistryError incompatible(String subject, CompatibilityLevel level, List<String> problems) {
        return new RegistryError(409, ErrorCodes.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\" (compatibility " + level + "): " + String.join("; ", problems));
    }

    static RegistryError badRequest(String message) {
        return new RegistryError(400, 400, message);
    }

    static RegistryError noSuchResource() {
        return new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    static RegistryError methodNotAllowed() {
        return new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
    }
}
