package io.callstream.deploy.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callstream.enrich.EnrichSettings;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The principal each stage runs as on a secured stack, and what its ACLs allow: its own topics, groups and
 * transactional ids, nothing else. READ and WRITE imply DESCRIBE, so they are all a topic needs. A stage run with
 * another group or application id than the default needs grants of its own.
 */
public enum StageAccess {

    /** Writes call events, and the lines it refuses as dead letters. */
    INGEST("ingest") {
        @Override
        List<AclBinding> acls(TopicNames t) {
            return new Grants(user()).write(t.callEvents(), t.deadLetters()).list();
        }
    },
    /**
     * Kafka Streams, exactly once: reads call events, writes every output, and owns what carries its application
     * id: its consumer group, its internal topics ({@code callstream-enrich-...-changelog}, created and purged by
     * Streams itself) and its transactional ids ({@code callstream-enrich-<process>-<thread>}).
     */
    ENRICH("enrich") {
        @Override
        List<AclBinding> acls(TopicNames t) {
            String app = EnrichSettings.DEFAULT_APPLICATION_ID;
            return new Grants(user()).read(t.callEvents())
                    .write(t.callTurns(), t.enrichedTurns(), t.qa(), t.alerts(), t.deadLetters())
                    .group(AclOperation.READ, app)
                    .prefixed(ResourceType.TOPIC, app + "-", AclOperation.ALL)
                    .prefixed(ResourceType.TRANSACTIONAL_ID, app + "-", AclOperation.WRITE)
                    .prefixed(ResourceType.TRANSACTIONAL_ID, app + "-", AclOperation.DESCRIBE)
                    .list();
        }
    },
    /** The store sink and the alert webhooks: read what they deliver, in their groups; refused records to call-dlq. */
    SINK("sink") {
        @Override
        List<AclBinding> acls(TopicNames t) {
            return new Grants(user()).read(t.callEvents(), t.enrichedTurns(), t.qa(), t.alerts())
                    .write(t.deadLetters())
                    .group(AclOperation.READ, "callstream-sink", "callstream-alerts")
                    .list();
        }
    },
    /**
     * {@code serve}: reads what the page shows and the dead letters it counts, without a group (it assigns
     * partitions), and reads the enrich group's committed offsets for the lag it reports.
     */
    DASHBOARD("dashboard") {
        @Override
        List<AclBinding> acls(TopicNames t) {
            return new Grants(user()).read(t.callEvents(), t.enrichedTurns(), t.qa(), t.alerts(), t.deadLetters())
                    .group(AclOperation.DESCRIBE, EnrichSettings.DEFAULT_APPLICATION_ID)
                    .list();
        }
    };

    private final String user;

    StageAccess(String user) {
        this.user = user;
    }

    /** The SCRAM user name, and the principal's name ({@code User:<name>}). */
    public String user() {
        return user;
    }

    public String principal() {
        return "User:" + user;
    }

    /** Every ACL this stage's principal has, on topics named by {@code topics}. */
    abstract List<AclBinding> acls(TopicNames topics);

    /** The grants in words, from the ACLs themselves: {@code read topic call-events; write topic call-turns, ...}. */
    public String describe(TopicNames topics) {
        Map<String, List<String>> byWhat = new LinkedHashMap<>();
        for (AclBinding acl : acls(topics)) {
            ResourcePattern pattern = acl.pattern();
            String what = acl.entry().operation().name().toLowerCase(Locale.ROOT) + " "
                    + pattern.resourceType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            byWhat.computeIfAbsent(what, k -> new ArrayList<>())
                    .add(pattern.name() + (pattern.patternType() == PatternType.PREFIXED ? "*" : ""));
        }
        List<String> parts = new ArrayList<>();
        byWhat.forEach((what, names) -> parts.add(what + " " + String.join(", ", names)));
        return String.join("; ", parts);
    }

    /** ALLOW bindings for one principal, from any host. */
    private static final class Grants {
        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Grants(String user) {
            this.principal = "User:" + user;
        }

        Grants read(String... topics) {
            return literal(ResourceType.TOPIC, AclOperation.READ, topics);
        }

        Grants write(String... topics) {
            return literal(ResourceType.TOPIC, AclOperation.WRITE, topics);
        }

        Grants group(AclOperation operation, String... groups) {
            return literal(ResourceType.GROUP, operation, groups);
        }

        Grants prefixed(ResourceType type, String prefix, AclOperation operation) {
            add(new ResourcePattern(type, prefix, PatternType.PREFIXED), operation);
            return this;
        }

        private Grants literal(ResourceType type, AclOperation operation, String... names) {
            for (String name : names) {
                add(new ResourcePattern(type, name, PatternType.LITERAL), operation);
            }
            return this;
        }

        private void add(ResourcePattern pattern, AclOperation operation) {
            bindings.add(new AclBinding(pattern,
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }

        List<AclBinding> list() {
            return List.copyOf(bindings);
        }
    }
}
