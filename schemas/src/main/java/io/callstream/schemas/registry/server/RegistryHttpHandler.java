package io.callstream.schemas.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.callstream.schemas.http.Workers;
import io.callstream.schemas.registry.ErrorCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API over {@link RegistryStore}: routing, JSON in and out, errors as
 * {@code {"error_code":..,"message":..}}. Liberal in what it accepts, because Confluent's own clients (Java and
 * JavaScript) send query parameters and body fields this registry has no use for ({@code normalize},
 * {@code format}, {@code subject}, {@code metadata}, {@code ruleSet}...): those are ignored, not refused.
 */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistryStore store;
    private final Workers workers;
    private final RegistryAccess access;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttpHandler(RegistryStore store, Workers workers, RegistryAccess access) {
        this.store = store;
        this.workers = workers;
        this.access = access;
    }

    /** An answer: a status and a JSON text. */
    private record Answer(int status, String body) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Answer answer;
            try {
                if (!access.allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    // Checked before the body is read or a worker taken: a stranger costs the registry nothing.
                    // The header is never logged.
                    LOG.debug("Schema registry refused {} {}: no valid credentials", exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath());
                    access.challenges().forEach(c -> exchange.getResponseHeaders().add("WWW-Authenticate", c));
                    answer = error(401, 401, "Unauthorized");
                } else {
                    answer = routeWithAWorker(RegistryRequest.from(exchange));
                }
            } catch (RegistryError e) {
                answer = error(e.httpStatus(), e.errorCode(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Schema registry failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                answer = error(500, ErrorCodes.BACKEND_ERROR, "Error in the backend data store: " + e);
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    /** The request is read (its body included) before it takes a worker, so a slow sender holds none. */
    private Answer routeWithAWorker(RegistryRequest request) {
        try {
            if (!workers.enter()) {
                return error(503, ErrorCodes.BACKEND_ERROR, "The registry is busy; retry in a moment.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, ErrorCodes.BACKEND_ERROR, "The registry is shutting down.");
        }
        try {
            return route(request);
        } finally {
            workers.exit();
        }
    }

    private Answer route(RegistryRequest request) {
        List<String> path = request.path();
        if (path.isEmpty()) {
            return only("GET", request, () -> ok(json.createObjectNode()));
        }
        return switch (path.get(0)) {
            case "subjects" -> subjects(request);
            case "schemas" -> schemas(request);
            case "config" -> config(request);
            case "compatibility" -> compatibility(request);
            case "mode" -> only("GET", request, () -> ok(json.createObjectNode().put("mode", "READWRITE")));
            case "contexts" -> only("GET", request, () -> ok(json.createArrayNode().add(".")));
            default -> throw RegistryError.noSuchResource();
        };
    }

    // /subjects, /subjects/{s}, /subjects/{s}/versions, /subjects/{s}/versions/{v}[/schema|/referencedby]
    private Answer subjects(RegistryRequest request) {
        List<String> path = request.path();
        boolean deleted = request.flag("deleted");
        if (path.size() == 1) {
            return only("GET", request, () -> ok(strings(store.subjects(deleted))));
        }
        String subject = request.segment(1);
        if (path.size() == 2) {
            return switch (request.method()) {
                case "POST" -> ok(versionJson(store.lookup(subject, schemaOf(request), deleted)));
                case "DELETE" -> ok(ints(store.deleteSubject(subject, request.flag("permanent"))));
                default -> throw RegistryError.methodNotAllowed();
            };
        }
        if (!"versions".equals(path.get(2))) {
            throw RegistryError.noSuchResource();
        }
        if (path.size() == 3) {
            return switch (request.method()) {
                case "GET" -> ok(ints(store.versions(subject, deleted)));
                case "POST" -> ok(json.createObjectNode().put("id", store.register(subject, schemaOf(request)).id()));
                default -> throw RegistryError.methodNotAllowed();
            };
        }
        int version = version(request.segment(3));
        if (path.size() == 4) {
            return switch (request.method()) {
                case "GET" -> ok(versionJson(store.version(subject, version, deleted)));
                case "DELETE" -> ok(json.getNodeFactory()
                        .numberNode(store.deleteVersion(subject, version, request.flag("permanent"))));
                default -> throw RegistryError.methodNotAllowed();
            };
        }
        if (path.size() == 5 && "schema".equals(path.get(4))) {
            return only("GET", request, () -> new Answer(200, store.version(subject, version, deleted).text()));
        }
        if (path.size() == 5 && "referencedby".equals(path.get(4))) {
            return only("GET", request, () -> {
                store.version(subject, version, deleted);
                return ok(json.createArrayNode());
            });
        }
        throw RegistryError.noSuchResource();
    }

    // /schemas/types, /schemas/ids/{id}[/schema|/versions|/subjects]
    private Answer schemas(RegistryRequest request) {
        List<String> path = request.path();
        if (path.size() == 2 && "types".equals(path.get(1))) {
            return only("GET", request, () -> ok(json.createArrayNode().add("AVRO")));
        }
        if (path.size() < 3 || path.size() > 4 || !"ids".equals(path.get(1))) {
            throw RegistryError.noSuchResource();
        }
        int id = schemaId(request.segment(2));
        boolean deleted = request.flag("deleted");
        String tail = path.size() == 4 ? path.get(3) : "";
        return only("GET", request, () -> switch (tail) {
            case "" -> ok(json.createObjectNode().put("schema", store.schemaText(id)));
            case "schema" -> new Answer(200, store.schemaText(id));
            case "versions" -> {
                ArrayNode versions = json.createArrayNode();
                store.versionsOfId(id, deleted).forEach(v ->
                        versions.addObject().put("subject", v.subject()).put("version", v.version()));
                yield ok(versions);
            }
            case "subjects" -> ok(strings(store.versionsOfId(id, deleted).stream()
                    .map(RegistryStore.Version::subject).distinct().toList()));
            default -> throw RegistryError.noSuchResource();
        });
    }

    // /config and /config/{s}: GET answers compatibilityLevel, PUT takes and answers compatibility (as Confluent).
    private Answer config(RegistryRequest request) {
        List<String> path = request.path();
        if (path.size() > 2) {
            throw RegistryError.noSuchResource();
        }
        String subject = path.size() == 2 ? request.segment(1) : null;
        return switch (request.method()) {
            case "GET" -> ok(json.createObjectNode().put("compatibilityLevel", (subject == null
                    // Without a level of its own a subject follows the global one; answered as Confluent does
                    // with defaultToGlobal=true, which is what every caller here wants to know.
                    ? store.globalLevel() : store.level(subject)).name()));
            case "PUT" -> {
                CompatibilityLevel level = levelOf(request, subject);
                if (subject == null) {
                    store.globalLevel(level);
                } else {
                    store.subjectLevel(subject, level);
                }
                yield ok(json.createObjectNode().put("compatibility", level.name()));
            }
            case "DELETE" -> {
                if (subject == null) {
                    throw RegistryError.methodNotAllowed();
                }
                CompatibilityLevel previous = store.removeSubjectLevel(subject).orElse(store.globalLevel());
                yield ok(json.createObjectNode().put("compatibilityLevel", previous.name()));
            }
            default -> throw RegistryError.methodNotAllowed();
        };
    }

    // /compatibility/subjects/{s}/versions[/{v}]
    private Answer compatibility(RegistryRequest request) {
        List<String> path = request.path();
        if (path.size() < 4 || path.size() > 5 || !"subjects".equals(path.get(1))
                || !"versions".equals(path.get(3))) {
            throw RegistryError.noSuchResource();
        }
        return only("POST", request, () -> {
            String subject = request.segment(2);
            Schema schema = schemaOf(request);
            List<String> problems = path.size() == 5
                    ? store.compatibilityWith(subject, schema, version(request.segment(4)))
                    : store.compatibilityWithLevel(subject, schema);
            // Messages are always included, not only with verbose=true: they cost nothing and say why.
            ObjectNode answer = json.createObjectNode().put("is_compatible", problems.isEmpty());
            answer.set("messages", strings(problems));
            return ok(answer);
        });
    }

    private Schema schemaOf(RegistryRequest request) {
        JsonNode body = jsonBody(request);
        if (body == null || !body.isObject()) {
            throw RegistryError.invalidSchema("the request body must be a JSON object with a 'schema' field");
        }
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw RegistryError.invalidSchema("schemaType " + type.asText() + " is not supported; this registry"
                    + " holds AVRO schemas only");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw RegistryError.invalidSchema("schema references are not supported by this registry");
        }
        JsonNode text = body.get("schema");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw RegistryError.invalidSchema("the request has no 'schema' string");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            // Avro reports unparseable JSON, unknown types, bad names and ill-typed defaults each its own way.
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    private CompatibilityLevel levelOf(RegistryRequest request, String subject) {
        JsonNode body = jsonBody(request);
        // Confluent takes "compatibility"; JavaScript callers sometimes echo back "compatibilityLevel".
        JsonNode level = body == null ? null : body.hasNonNull("compatibility") ? body.get("compatibility")
                : body.get("compatibilityLevel");
        if (level == null || level.isNull()) {
            return subject == null ? store.globalLevel() : store.level(subject);
        }
        return CompatibilityLevel.parse(level.asText());
    }

    private JsonNode jsonBody(RegistryRequest request) {
        try {
            return request.body().length == 0 ? null : json.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw RegistryError.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(String text) {
        if ("latest".equalsIgnoreCase(text) || "-1".equals(text)) {
            return RegistryStore.LATEST;
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below as Confluent does.
        }
        throw RegistryError.invalidVersion(text);
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryError.noSuchResource();
        }
    }

    private ObjectNode versionJson(RegistryStore.Version version) {
        // schemaType is left out for AVRO, as Confluent does.
        return json.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.text());
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private ArrayNode ints(List<Integer> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private interface Route {
        Answer answer();
    }

    private static Answer only(String method, RegistryRequest request, Route route) {
        if (!method.equals(request.method())) {
            throw RegistryError.methodNotAllowed();
        }
        return route.answer();
    }

    private Answer ok(JsonNode body) {
        try {
            return new Answer(200, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer error(int status, int code, String message) {
        return new Answer(status, json.createObjectNode().put("error_code", code).put("message", message)
                .toString());
    }
}
