package io.callstream.deploy.torture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.callstream.deploy.stack.EmbeddedKafkaBroker;
import io.callstream.deploy.stack.EmbeddedKafkaBroker.ClusterNode;

/**
 * One node of the torture suite's Kafka cluster, in a process of its own so that it can be killed (-9) or stopped
 * cleanly (SIGTERM, which runs the broker's controlled shutdown). Arguments: the data folder, the cluster id, this
 * node's id, then every node as {@code id:brokerPort:controllerPort}.
 */
public final class ClusterNodeMain {

    private ClusterNodeMain() {
    }

    /**
     * What node {@code nodeId} prints, before its address, once its broker has started and answers: the cluster waits
     * for it after every start ({@link KafkaCluster#awaitHealthy}).
     */
    static String readyLine(int nodeId) {
        return "node " + nodeId + " ready at";
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        String clusterId = args[1];
        int nodeId = Integer.parseInt(args[2]);
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String[] parts = args[i].split(":");
            nodes.add(new ClusterNode(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2])));
        }
        EmbeddedKafkaBroker node;
        try {
            node = EmbeddedKafkaBroker.startClusterNode(dataDir, clusterId, nodes, nodeId);
        } catch (Throwable e) {
            // Kafka's threads started before the failure would keep a half-started node alive: it is to die at once
            // (halt: no shutdown hook to wait on), so that the cluster's wait says so with this log, instead of
            // waiting for a node that never registers. The cause last, where a log's tail keeps it.
            e.printStackTrace();
            System.err.println("node " + nodeId + " failed to start: " + e);
            Runtime.getRuntime().halt(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "node-" + nodeId + "-shutdown"));
        System.out.println(readyLine(nodeId) + " " + node.bootstrapServers());
        stopped.await();
    }
}
