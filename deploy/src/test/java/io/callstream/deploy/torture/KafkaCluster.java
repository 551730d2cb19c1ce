package io.callstream.deploy.torture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.callstream.deploy.stack.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of three combined broker-controller nodes, each a process of its own ({@link ClusterNodeMain}):
 * real Kafka code, replication factor 3 and two replicas in sync, so one node at a time may be killed or bounced
 * while the pipeline runs.
 */
final class KafkaCluster implements AutoCloseable {

    private final List<ChildJvm> nodes = new ArrayList<>();
    private final String bootstrap;

    KafkaCluster(Path dir, int size) {
        String clusterId = Uuid.randomUuid().toString();
        List<String> specs = new ArrayList<>();
        List<Integer> brokerPorts = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            int brokerPort = EmbeddedKafkaBroker.freePort();
            brokerPorts.add(brokerPort);
            specs.add(id + ":" + brokerPort + ":" + EmbeddedKafkaBroker.freePort());
        }
        for (int id = 1; id <= size; id++) {
            List<String> args = new ArrayList<>(List.of(dir.resolve("node-" + id).toString(), clusterId,
                    String.valueOf(id)));
            args.addAll(specs);
            nodes.add(new ChildJvm("kafka-" + id, "768m", ClusterNodeMain.class.getName(), args, Map.of(), dir));
        }
        bootstrap = String.join(",", brokerPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    void start() throws IOException {
        for (ChildJvm node : nodes) {
            node.start();
        }
        awaitHealthy(Duration.ofMinutes(2));
    }

    String bootstrapServers() {
        return bootstrap;
    }

    /** Node {@code id} (from 1). */
    ChildJvm node(int id) {
        return nodes.get(id - 1);
    }

    int size() {
        return nodes.size();
    }

    /**
     * Waits until every node has started (the others see a node killed and started again as gone only once its
     * session times out, so their view alone would pass before it is up), answers, and every partition of every
     * topic has all its replicas in sync, so that the next fault may take a node down without dropping a partition
     * under its minimum in-sync replicas.
     */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            List<String> starting = new ArrayList<>();
            for (int id = 1; id <= nodes.size(); id++) {
                ChildJvm node = node(id);
                if (!node.alive()) {
                    throw new IllegalStateException(node.name() + " died:\n" + node.logTail());
                }
                if (!node.printedSinceStart(ClusterNodeMain.readyLine(id))) {
                    starting.add(node.name());
                }
            }
            if (!starting.isEmpty()) {
                last = "still starting: " + String.join(", ", starting);
                pollPause(Duration.ofMillis(250));
                continue;
            }
            try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"))) {
                int alive = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
                if (alive < nodes.size()) {
                    last = alive + " of " + nodes.size() + " nodes registered";
                } else {
                    var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions()
                            .listInternal(true)).names().get(10, TimeUnit.SECONDS);
                    Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                            .get(10, TimeUnit.SECONDS);
                    long lagging = topics.values().stream().flatMap(t -> t.partitions().stream())
                            .filter(p -> p.isr().size() < p.replicas().size() || p.leader() == null).count();
                    if (lagging == 0) {
                        return;
                    }
                    last = lagging + " partitions not fully in sync";
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                last = e.toString();
            }
            pollPause(Duration.ofMillis(500));
        }
        // Each node's own account, since its log goes with the test's temporary folder.
        StringBuilder logs = new StringBuilder();
        for (ChildJvm node : nodes) {
            logs.append("\n--- ").append(node.name()).append(", its last lines:\n").append(node.logTail());
        }
        throw new IllegalStateException("The cluster did not become healthy within " + timeout + ": " + last + logs);
    }

    private static void pollPause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // polling the nodes' logs and the cluster's view: neither notifies
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(ChildJvm::close);
    }
}
