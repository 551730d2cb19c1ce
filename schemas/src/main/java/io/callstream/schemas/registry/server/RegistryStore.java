package io.callstream.schemas.registry.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's state: schemas by global id, and each subject's versions. Like Confluent, an id belongs to a
 * schema, not to a subject: the same schema registered under two subjects has one id. Schemas are the same when
 * Avro's {@link Schema#equals} says so (names, types, defaults, properties; not docs), so whitespace and key
 * order of the submitted text do not matter.
 *
 * <p>Deleting is soft first, as in Confluent: soft-deleted versions disappear from listings but stay readable
 * with {@code deleted=true}; a permanent delete removes them. Ids stay resolvable after any delete, because
 * records written with them may still sit in topics.
 *
 * <p>All methods are synchronized: registry traffic is a handful of calls per process start, so one lock buys
 * simple reasoning (e.g. concurrent registration of one schema yields one id) at no measurable cost.
 */
final class RegistryStore {

    /** A version of a subject, as the API shows it. */
    record Version(String subject, int version, int id, Schema schema, String text, boolean deleted) {
    }

    private record Entry(int version, int id, boolean deleted) {
        Entry softDeleted() {
            return new Entry(version, id, true);
        }
    }

    /** The text is Avro's compact form of the schema, as Confluent keeps its canonical string. */
    private record Stored(Schema schema, String text) {
    }

    /** Asks for a subject's newest version. */
    static final int LATEST = -1;

    private final Map<Integer, Stored> schemasById = new HashMap<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Entry>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    /**
     * Registers {@code schema} under {@code subject}: returns the existing version when it is already there,
     * refuses it when incompatible with the subject's earlier versions, else adds a version.
     */
    synchronized Version register(String subject, Schema schema) {
        List<Entry> live = entries(subject, false);
        for (int i = live.size() - 1; i >= 0; i--) {
            if (schemasById.get(live.get(i).id()).schema().equals(schema)) {
                return view(subject, live.get(i));
            }
        }
        CompatibilityLevel level = level(subject);
        List<Version> earlier = level.transitive() || live.isEmpty()
                ? views(subject, live)
                : List.of(view(subject, live.get(live.size() - 1)));
        List<String> problems = CompatibilityChecker.problems(level, schema, earlier);
        if (!problems.isEmpty()) {
            throw RegistryError.incompatible(subject, level, problems);
        }
        int id = idsBySchema.computeIfAbsent(schema, this::store);
        List<Entry> all = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        int version = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
        Entry entry = new Entry(version, id, false);
        all.add(entry);
        return view(subject, entry);
    }

    private int store(Schema schema) {
        int id = nextId++;
        schemasById.put(id, new Stored(schema, schema.toString()));
        return id;
    }

    /** Where {@code schema} is under {@code subject}: 40401 if the subject has no versions, 40403 if not there. */
    synchronized Version lookup(String subject, Schema schema, boolean includeDeleted) {
        List<Entry> entries = entries(subject, includeDeleted);
        if (entries.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (schemasById.get(entries.get(i).id()).schema().equals(schema)) {
                return view(subject, entries.get(i));
            }
        }
        throw RegistryError.schemaNotUnderSubject(subject);
    }

    /** The compact text of the schema with this id. */
    synchronized String schemaText(int id) {
        Stored stored = schemasById.get(id);
        if (stored == null) {
            throw RegistryError.schemaIdNotFound(id);
        }
        return stored.text();
    }

    /** Every subject version that holds the schema with this id. */
    synchronized List<Version> versionsOfId(int id, boolean includeDeleted) {
        schemaText(id);
        List<Version> found = new ArrayList<>();
        subjects.forEach((subject, entries) -> entries.stream()
                .filter(entry -> entry.id() == id && (includeDeleted || !entry.deleted()))
                .forEach(entry -> found.add(view(subject, entry))));
        return found;
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.keySet().stream().filter(subject -> !entries(subject, includeDeleted).isEmpty()).toList();
    }

    synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        List<Entry> entries = entries(subject, includeDeleted);
        if (entries.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return entries.stream().map(Entry::version).toList();
    }

    /** A version of the subject, or its latest with {@link #LATEST}. */
    synchronized Version version(String subject, int version, boolean includeDeleted) {
        return view(subject, entry(subject, version, includeDeleted));
    }

    /** Soft-deletes the subject's versions, or removes them all when {@code permanent}; returns their numbers. */
    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Entry> all = entries(subject, true);
        if (all.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        if (permanent) {
            subjects.remove(subject);
            subjectLevels.remove(subject);
            return all.stream().map(Entry::version).toList();
        }
        List<Entry> live = entries(subject, false);
        if (live.isEmpty()) {
            throw RegistryError.subjectSoftDeleted(subject);
        }
        subjects.put(subject, new ArrayList<>(all.stream().map(Entry::softDeleted).toList()));
        return live.stream().map(Entry::version).toList();
    }

    /** Soft-deletes one version, or removes it when {@code permanent}; returns its number. */
    synchronized int deleteVersion(String subject, int version, boolean permanent) {
        Entry entry = entry(subject, version, permanent);
        List<Entry> all = subjects.get(subject);
        if (permanent) {
            all.remove(entry);
            if (all.isEmpty()) {
                subjects.remove(subject);
            }
        } else if (entry.deleted()) {
            throw RegistryError.versionSoftDeleted(subject, entry.version());
        } else {
            all.set(all.indexOf(entry), entry.softDeleted());
        }
        return entry.version();
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized void globalLevel(CompatibilityLevel level) {
        globalLevel = level;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized void subjectLevel(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    synchronized Optional<CompatibilityLevel> removeSubjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.remove(subject));
    }

    /** The level that applies to the subject: its own, else the global one. */
    synchronized CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /**
     * Problems registering {@code schema} would meet, checked against one version ({@link #LATEST} for the
     * newest). A subject without versions accepts anything when asked about its latest.
     */
    synchronized List<String> compatibilityWith(String subject, Schema schema, int version) {
        if (version == LATEST && entries(subject, false).isEmpty()) {
            return List.of();
        }
        return CompatibilityChecker.problems(level(subject), schema,
                List.of(view(subject, entry(subject, version, false))));
    }

    /** Problems registering {@code schema} would meet, against the versions the subject's level names. */
    synchronized List<String> compatibilityWithLevel(String subject, Schema schema) {
        List<Entry> live = entries(subject, false);
        if (live.isEmpty()) {
            return List.of();
        }
        CompatibilityLevel level = level(subject);
        List<Version> earlier = level.transitive() ? views(subject, live)
                : List.of(view(subject, live.get(live.size() - 1)));
        return CompatibilityChecker.problems(level, schema, earlier);
    }

    private Entry entry(String subject, int version, boolean includeDeleted) {
        List<Entry> entries = entries(subject, includeDeleted);
        if (entries.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        if (version == LATEST) {
            return entries.get(entries.size() - 1);
        }
        return entries.stream().filter(entry -> entry.version() == version).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(version));
    }

    private List<Entry> entries(String subject, boolean includeDeleted) {
        List<Entry> all = subjects.getOrDefault(subject, List.of());
        return includeDeleted ? List.copyOf(all) : all.stream().filter(entry -> !entry.deleted()).toList();
    }

    private List<Version> views(String subject, List<Entry> entries) {
        List<Version> views = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            views.add(view(subject, entries.get(i)));
        }
        return views;
    }

    private Version view(String subject, Entry entry) {
        Stored stored = schemasById.get(entry.id());
        return new Version(subject, entry.version(), entry.id(), stored.schema(), stored.text(), entry.deleted());
    }
}
