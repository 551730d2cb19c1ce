package io.callstream.deploy.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (combined KRaft broker and controller) running in this JVM from the
 * production server classes. Used by {@code demo}, {@code stack} and the integration tests alike, so all
 * three exercise the same broker code a production cluster runs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /**
     * How often the broker looks for timed-out transactions to abort, here and in the deployment files alike
     * (brokerProperties says why; DeploymentFilesTest holds the files to it).
     */
    public static final String TRANSACTION_CLEANUP_INTERVAL = "transaction.abort.timed.out.transaction.cleanup.interval.ms";
    public static final String TRANSACTION_CLEANUP_INTERVAL_MS = "1000";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final String bootstrapServers;
    private final Map<String, Object> adminProperties;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, boolean deleteOnClose, String bootstrapServers,
                                Map<String, Object> adminProperties) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.bootstrapServers = bootstrapServers;
        this.adminProperties = Map.copyOf(adminProperties);
    }

    /** Starts a broker whose data lives in a temporary folder removed on {@link #close()}. */
    public static EmbeddedKafkaBroker start() {
        try {
            return start(Files.createTempDirectory("callstream-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the embedded broker", e);
        }
    }

    /**
     * Starts a broker with its log and metadata in {@code dataDir}, formatting the storage first if it is new.
     * The listener ports are chosen free on 127.0.0.1; nothing listens on other interfaces.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, boolean deleteOnClose) {
        ClusterNode node = new ClusterNode(NODE_ID, freePort(), freePort());
        return start(dataDir, deleteOnClose, Uuid.randomUuid().toString(), List.of(node), node, null);
    }

    /**
     * A single node secured by {@code security}: clients log in with SCRAM-SHA-512 on {@link #bootstrapServers()}
     * and may do only what ACLs grant them; {@link #adminProperties()} are the super user's. Its data lives in
     * {@code dataDir}, or in a temporary folder removed on close where that is null.
     */
    public static EmbeddedKafkaBroker startSecured(Path dataDir, BrokerSecurity security) {
        ClusterNode node = new ClusterNode(NODE_ID, freePort(), freePort());
        try {
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("callstream-kafka-");
            return start(dir, dataDir == null, Uuid.randomUuid().toString(), List.of(node), node, security);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the embedded broker", e);
        }
    }

    /**
     * One node (combined broker and controller) of a cluster of several on 127.0.0.1, each normally in a process of
     * its own so that it can be killed: with three nodes, internal topics get three replicas and a minimum of two in
     * sync, as on a production cluster. Every node of the cluster is started with the same {@code clusterId} and
     * {@code nodes}; the call returns once the cluster answers, so the nodes must be started together. A node
     * started again on its {@code dataDir} keeps its data.
     */
    public static EmbeddedKafkaBroker startClusterNode(Path dataDir, String clusterId, List<ClusterNode> nodes,
                                                       int nodeId) {
        ClusterNode self = nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + nodeId + " is not one of " + nodes));
        return start(dataDir, false, clusterId, nodes, self, null);
    }

    /**
     * Fails, saying what to do, where the broker's jars are not on the classpath: the distribution keeps them apart
     * ({@code deploy/target/lib/embedded}), and the launcher adds them for the commands that start this broker only.
     */
    private static void requireBrokerJars() {
        try {
            Class.forName("kafka.server.KafkaRaftServer", false, EmbeddedKafkaBroker.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The embedded Kafka broker's jars are not on the classpath: run 'demo' "
                    + "and 'stack' through ./callstream in a checkout, which adds deploy/target/lib/embedded/*, or add "
                    + "that folder to -cp yourself (the container image leaves them out); other commands take "
                    + "--bootstrap-servers for a broker of your own.", e);
        }
    }

    /** A node of a cluster: its id and its two listeners' ports on 127.0.0.1. */
    public record ClusterNode(int nodeId, int brokerPort, int controllerPort) {
    }

    private static EmbeddedKafkaBroker start(Path dataDir, boolean deleteOnClose, String clusterId,
                                             List<ClusterNode> nodes, ClusterNode self, BrokerSecurity security) {
        requireBrokerJars();
        long started = System.nanoTime();
        int brokerPort = self.brokerPort();
        Properties props = brokerProperties(dataDir, self, nodes);
        String bootstrap = "127.0.0.1:" + brokerPort;
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (security != null) {
            int internalPort = freePort();
            security.apply(props, brokerPort, internalPort, self.controllerPort());
            admin = security.superUserClient("127.0.0.1:" + internalPort);
        }
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        format(config, dataDir, self.nodeId(), clusterId);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            if (deleteOnClose) {
                FileTrees.deleteQuietly(dataDir);
            }
            throw e;
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dataDir, deleteOnClose, bootstrap, admin);
        try {
            broker.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        log.info("Embedded Kafka broker ready at {} in {} ms (data in {})",
                bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDir);
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Client properties with every right on this broker, for the stack's own work (topics, credentials, ACLs):
     * the bootstrap servers alone when unsecured, the super user on the internal listener when secured.
     */
    public Map<String, Object> adminProperties() {
        return adminProperties;
    }

    public Path dataDir() {
        return dataDir;
    }

    static Properties brokerProperties(Path dataDir, ClusterNode self, List<ClusterNode> nodes) {
        int brokerPort = self.brokerPort();
        int controllerPort = self.controllerPort();
        // Three replicas with two in sync where there are three nodes: one node may die without stopping writes.
        String replicas = String.valueOf(Math.min(3, nodes.size()));
        String minInSync = nodes.size() >= 3 ? "2" : "1";
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(self.nodeId()));
        p.put("controller.quorum.voters", String.join(",", nodes.stream()
                .map(n -> n.nodeId() + "@127.0.0.1:" + n.controllerPort()).toList()));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("log").toString());
        p.put("metadata.log.dir", dataDir.resolve("metadata").toString());
        // A single node must satisfy every internal topic with one replica.
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minInSync);
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minInSync);
        p.put("min.insync.replicas", minInSync);
        p.put("default.replication.factor", replicas);
        // A crashed producer's open transaction holds back every read_committed reader, and the committed offsets of
        // the enrich instance that takes over its tasks, until the broker aborts it: after the producer's
        // transaction.timeout.ms (Kafka Streams: 10 s), but looked for only this often (10 s by default). It matters
        // where the new instance has a new process id, so no producer of the same transactional id fences the old one:
        // an empty state folder, as a replaced pod has. The torture suite's takeover of an instance whose state was
        // wiped took 17 to 21 s with the default, 12 to 16 s with a second. Kafka's own system tests shorten it for
        // hard bounces the same way (KAFKA-10235); the compose file and the Strimzi cluster set it too.
        p.put(TRANSACTION_CLEANUP_INTERVAL, TRANSACTION_CLEANUP_INTERVAL_MS);
        // Consumer groups (and so Kafka Streams) start at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Replayed calls carry their own (old) timestamps: time-based retention would delete them on arrival.
        p.put("log.retention.ms", "-1");
        // Topics are created on purpose, with their partitions; a typo must fail, not create a topic.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private static void format(KafkaConfig config, Path dataDir, int nodeId, String clusterId) {
        if (Files.exists(dataDir.resolve("metadata").resolve("meta.properties"))) {
            return; // formatted by an earlier run: keep its data
        }
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(config.metadataLogDir(), dataDir.resolve("log").toString()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the embedded broker's storage in " + dataDir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.putAll(adminProperties);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The embedded broker did not become ready within " + timeout, e);
        }
    }

    /** A port free on 127.0.0.1 now (another process may take it before it is used). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            FileTrees.deleteQuietly(dataDir);
        }
    }
}
