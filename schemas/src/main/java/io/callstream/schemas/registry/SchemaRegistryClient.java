package io.callstream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The project's one client for a schema registry speaking the Confluent REST API (Confluent Schema Registry,
 * Karapace, Redpanda, Apicurio's compatibility API, and the in-process registry of this module).
 *
 * <p>Thread-safe. Ids and the schemas behind them never change in a registry, so {@code register},
 * {@code lookup} and {@code schemaById} answers are cached (bounded, least recently used first out);
 * {@code latest}, {@code versions} and {@code subjects} change over time and always ask the registry.
 */
public final class SchemaRegistryClient {

    static final int CACHE_CAPACITY = 1_000;

    private final RegistryClientConfig config;
    private final RegistryHttp http;
    private final LruCache<SubjectSchema, Integer> idsBySubjectSchema = new LruCache<>(CACHE_CAPACITY);
    private final LruCache<SubjectSchema, RegisteredSchema> lookups = new LruCache<>(CACHE_CAPACITY);
    private final LruCache<Integer, Schema> schemasById = new LruCache<>(CACHE_CAPACITY);
    private final ObjectMapper json = new ObjectMapper();

    private record SubjectSchema(String subject, Schema schema) {
    }

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new RegistryHttp(config, json);
    }

    public RegistryClientConfig config() {
        return config;
    }

    /**
     * Registers {@code schema} under {@code subject} (POST /subjects/{subject}/versions) and returns its global
     * id. Registering a schema that is already there returns its existing id; an incompatible one fails with
     * HTTP 409.
     */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(requireSubject(subject), Objects.requireNonNull(schema, "schema"));
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.post(subjectPath(subject) + "/versions", schemaBody(schema));
        int id = requiredInt(answer, "id", "register");
        idsBySubjectSchema.put(key, id);
        schemasById.put(id, schema);
        return id;
    }

    /** The schema with this global id (GET /schemas/ids/{id}); unknown ids fail with error_code 40403. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.get("/schemas/ids/" + id);
        Schema schema = parseSchema(answer, "schema id " + id);
        schemasById.put(id, schema);
        return schema;
    }

    /**
     * Whether {@code schema} could be registered under {@code subject} now, per the subject's compatibility
     * level, checked against its latest version. A subject that does not exist yet accepts any schema.
     */
    public boolean isCompatible(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        try {
            JsonNode answer = http.post("/compatibility" + subjectPath(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            // Some registries answer "subject not found" here rather than "compatible": the first version of a
            // subject is compatible by definition.
            if (e.errorCode() == ErrorCodes.SUBJECT_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    /** All subjects that have at least one live version (GET /subjects). */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        http.get("/subjects").forEach(node -> subjects.add(node.asText()));
        return List.copyOf(subjects);
    }

    /** The subject's live version numbers, oldest first (GET /subjects/{subject}/versions). */
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        http.get(subjectPath(subject) + "/versions").forEach(node -> versions.add(node.asInt()));
        return List.copyOf(versions);
    }

    /** The subject's latest version (GET /subjects/{subject}/versions/latest). */
    public RegisteredSchema latest(String subject) {
        return registeredSchema(http.get(subjectPath(subject) + "/versions/latest"), subject);
    }

    /**
     * Where {@code schema} is registered under {@code subject} (POST /subjects/{subject}), without registering
     * it: error_code 40401 if the subject does not exist, 40403 if the schema is not under it.
     */
    public RegisteredSchema lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(requireSubject(subject), Objects.requireNonNull(schema, "schema"));
        RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        RegisteredSchema found = registeredSchema(http.post(subjectPath(subject), schemaBody(schema)), subject);
        lookups.put(key, found);
        idsBySubjectSchema.put(key, found.id());
        schemasById.put(found.id(), found.schema());
        return found;
    }

    private RegisteredSchema registeredSchema(JsonNode answer, String subject) {
        int id = requiredInt(answer, "id", "subject " + subject);
        int version = requiredInt(answer, "version", "subject " + subject);
        String name = answer.path("subject").asText(subject);
        return new RegisteredSchema(name, id, version, parseSchema(answer, "subject " + subject));
    }

    private ObjectNode schemaBody(Schema schema) {
        // schemaType is left out: AVRO is the default everywhere, and older registries reject the field.
        ObjectNode body = json.createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    private Schema parseSchema(JsonNode answer, String what) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new IllegalStateException("The registry holds a " + type + " schema for " + what
                    + "; this client reads Avro schemas only.");
        }
        JsonNode references = answer.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw new IllegalStateException("The registry's schema for " + what
                    + " uses schema references, which this client does not resolve.");
        }
        String text = answer.path("schema").asText(null);
        if (text == null) {
            throw new IllegalStateException("The registry's answer for " + what + " has no 'schema': " + answer);
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new IllegalStateException("The registry's schema for " + what + " does not parse as Avro: "
                    + e.getMessage(), e);
        }
    }

    private static int requiredInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalStateException("The registry's answer for " + what + " has no integer '" + field
                    + "': " + answer);
        }
        return value.asInt();
    }

    /** Subject names may hold any character; encoded so that '/', '?', '%' or spaces stay inside one segment. */
    static String subjectPath(String subject) {
        return "/subjects/" + URLEncoder.encode(requireSubject(subject), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String requireSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("subject must not be empty");
        }
        return subject;
    }
}
