package io.callstream.schemas.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the pipeline's topics where they are missing. Every topic has the same partition count: all are keyed
 * by callId, so a call's records land on the same partition number everywhere and one task handles a call.
 */
public final class TopicCreator {

    /** Partitions of each topic where the user does not say: calls spread over this many tasks. */
    public static final int DEFAULT_PARTITIONS = 3;

    /**
     * Kept forever: records carry the call's own time (a 2017 call replayed today is stamped 2017), so time-based
     * retention would delete a replay as soon as it landed.
     */
    public static final Map<String, String> TOPIC_CONFIG = Map.of("retention.ms", "-1");

    private TopicCreator() {
    }

    public static void ensure(String bootstrapServers, TopicNames names, int partitions, short replicationFactor) {
        ensure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), names, partitions,
                replicationFactor);
    }

    /** As above, with an Admin client of these properties (a secured stack's super user). */
    public static void ensure(Map<String, Object> adminProperties, TopicNames names, int partitions,
                              short replicationFactor) {
        Object bootstrapServers = adminProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(adminProperties)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names.all()) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replicationFactor).configs(TOPIC_CONFIG));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the pipeline's topics on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
