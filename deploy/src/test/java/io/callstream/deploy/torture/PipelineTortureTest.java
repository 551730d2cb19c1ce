package io.callstream.deploy.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.deploy.Main;
import io.callstream.deploy.testing.SharedCalls;
import io.callstream.deploy.testing.StoreTables;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.ingest.publish.Pace;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.jdbc.CallStore;
import io.callstream.sink.testing.PostgresSchema;
import io.callstream.sink.testing.TcpProxy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline under faults, in the manner of Kafka's own {@code streams_eos_test}: a three-node Kafka cluster
 * (replication factor 3, two in sync), three enrich instances and two sink instances, each a process of its own,
 * the 30 Earnings-21 calls replayed through them while faults are injected, each on the sinks' side while an
 * enrich instance is down, the others one after another: enrich and sink instances killed (-9), an enrich
 * instance's state wiped, a Kafka node stopped cleanly and one killed, the network to PostgreSQL cut. Then everything
 * is checked against a recomputation:
 * <ul>
 *   <li>every call's events on call-events are the events its file gives (nothing lost or doubled at ingest);</li>
 *   <li>every committed output (turns, enriched turns, exchanges, alerts) equals, record for record and in order,
 *       what the in-process backtest engine gives for the call's events (the oracle); no alert id twice;</li>
 *   <li>nothing on call-dlq that the oracle did not put there;</li>
 *   <li>the sinks' PostgreSQL store equals one clean write of every record the topics hold.</li>
 * </ul>
 * One line is printed per fault, and the totals at the end. The default run (CI) injects a fixed script of eight
 * faults during a replay at 40x; {@code -Dcallstream.torture.minutes=N} runs N minutes of random faults over a
 * replay paced to last that long, stopping PostgreSQL itself too where this user may ({@code pg_ctlcluster}). Either
 * way, once the faults are over, what is left of the replay is sent at once ({@link CorpusReplay#hurry}).
 */
@Tag("alone") // its faults fall on a replay paced by the clock: no test JVM of normal priority beside it (pom.xml)
class PipelineTortureTest {

    private static final String ENRICH_APP = "torture-enrich";
    private static final String SINK_GROUP = "torture-sink";
    private static final int PARTITIONS = 3;
    private static final Duration QUIET = Duration.ofMinutes(8);
    /** The least replay time kept ahead of each scripted fault, beyond the gap before it. */
    private static final Duration AHEAD = Duration.ofSeconds(40);
    /** The time between the end of one scripted fault and the beginning of the next (the first waits longer). */
    private static final Duration GAP = Duration.ofSeconds(1);

    @RegisterExtension
    final PostgresSchema postgres = new PostgresSchema();

    @TempDir
    Path dir;

    private long startedNanos;
    /** Written by two threads where two faults run at once (Faults#together). */
    private final List<String> faultLog = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> takeovers = Collections.synchronizedList(new ArrayList<>());

    @Test
    void everyOutputEqualsTheOracleAndTheStoreACleanRunAfterCrashesBounceAndCuts() throws Exception {
        String store = postgres.url();
        Path corpus = corpus();
        int minutes = Integer.getInteger("callstream.torture.minutes", 0);
        startedNanos = System.nanoTime();
        try (KafkaCluster cluster = new KafkaCluster(dir, 3);
             InProcessSchemaRegistry registry = InProcessSchemaRegistry.start();
             TcpProxy storeLink = TcpProxy.toServerOf(store)) {
            cluster.start();
            say("cluster of %d nodes ready at %s", cluster.size(), cluster.bootstrapServers());
            TopicCreator.ensure(cluster.bootstrapServers(), TopicNames.defaults(), PARTITIONS, (short) 3);
            String bootstrap = cluster.bootstrapServers();
            String registryUrl = registry.url();
            String proxiedStore = storeLink.relayed(store);
            assertThat(proxiedStore).as("the store is reached through the proxy").isNotEqualTo(store);

            // Enrich runs with its shipped session timeout (10 s), so the takeover times printed are what users get
            // (while a sink is killed or cut from its store at the same time, and on a machine shared with a build);
            // the sinks with Kafka's minimum (6 s) so that the suite does not wait on them.
            Map<String, String> enrichEnv = Map.of("KAFKA_REPLICATION_FACTOR", "3");
            Map<String, String> env = Map.of("KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1500");
            List<ChildJvm> enrich = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                enrich.add(new ChildJvm("enrich-" + i, "512m", Main.class.getName(), List.of("enrich",
                        "--bootstrap-servers", bootstrap, "--schema-registry-url", registryUrl,
                        "--application-id", ENRICH_APP, "--state-dir", stateDir(i).toString()), enrichEnv, dir));
            }
            List<ChildJvm> sinks = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                sinks.add(new ChildJvm("sink-" + i, "384m", Main.class.getName(), List.of("sink",
                        "--bootstrap-servers", bootstrap, "--schema-registry-url", registryUrl,
                        "--store", proxiedStore, "--group-id", SINK_GROUP, "--batch-size", "50"), env, dir));
            }
            Pace pace = new Pace(minutes > 0 ? Math.max(1, 60 / minutes) : 40);
            List<ChildJvm> all = Stream.of(enrich, sinks).flatMap(List::stream).toList();
            try {
                for (ChildJvm p : all) {
                    p.start();
                }
                try (CorpusReplay replay = CorpusReplay.start(corpus, pace, bootstrap, registryUrl)) {
                    say("replaying %s at %s through 3 enrich and 2 sink processes", corpus, pace);

                    Faults faults = new Faults(cluster, enrich, sinks, replay, storeLink, bootstrap);
                    if (minutes > 0) {
                        long seed = Long.getLong("callstream.torture.seed", System.nanoTime());
                        say("random faults for %d min (-Dcallstream.torture.seed=%d repeats them)", minutes, seed);
                        faults.random(Duration.ofMinutes(minutes), new Random(seed));
                    } else {
                        faults.script();
                    }
                    // The faults are over: the rest of the longest calls would only idle out their tail at the pace.
                    replay.hurry();
                    assertThat(replay.await(Duration.ofMinutes(minutes + 10))).as("events the replay refused")
                            .isEmpty();
                    say("replay done (its rest sent at once after the faults); %d faults injected", faultLog.size());

                    awaitEnrichCaughtUp(bootstrap, enrich);
                    Outputs topics = Outputs.read(bootstrap, registryUrl);
                    say("read back: %d events, %d turns, %d enriched turns, %d exchanges, %d alerts, %d dead letters",
                            topics.events.size(), topics.turns.size(), topics.enriched.size(), topics.exchanges.size(),
                            topics.alerts.size(), topics.deadLetters.size());
                    awaitSinkCaughtUp(store, topics.sinkEnds, sinks);

                    verify(corpus, topics, store);
                }
            } finally {
                for (ChildJvm p : all) {
                    p.kill();
                }
            }
        }
    }

    /** The 30 Earnings-21 calls, one file each (their .segments.tsv twins left out). */
    private Path corpus() throws IOException {
        Path source = SharedCalls.dataDir().resolve("earnings21");
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                Files.copy(f, corpus.resolve(f.getFileName()));
            }
        }
        try (Stream<Path> files = Files.list(corpus)) {
            assumeTrue(files.count() >= 30, "the shared Earnings-21 calls are absent");
        }
        return corpus;
    }

    private Path stateDir(int instance) {
        return dir.resolve("enrich-state-" + instance);
    }

    /** The faults, each a line on the console. */
    private final class Faults {

        private final KafkaCluster cluster;
        private final List<ChildJvm> enrich;
        private final List<ChildJvm> sinks;
        private final TcpProxy storeLink;
        private final String bootstrap;
        private final CorpusReplay replay;
        /** When the last scripted fault began (the suite's start before the first), and the longest one so far. */
        private long lastFaultBegan;
        private Duration slowest = Duration.ZERO;

        Faults(KafkaCluster cluster, List<ChildJvm> enrich, List<ChildJvm> sinks, CorpusReplay replay,
               TcpProxy storeLink, String bootstrap) {
            this.cluster = cluster;
            this.enrich = enrich;
            this.sinks = sinks;
            this.replay = replay;
            this.storeLink = storeLink;
            this.bootstrap = bootstrap;
            this.lastFaultBegan = System.nanoTime();
        }

        /**
         * Eight faults, one of each kind and more, in five steps, each begun while the replay runs (checked before
         * each step), a second after the last step is over (its takeover or resync measured): at 40x a second is 40 s
         * of the calls, lines enough in flight for the next fault to fall on, where three seconds cost the suite 14 s
         * of a build bound by CPU. A fault on the sinks' side falls while an enrich instance is down, a second after
         * its kill, instead of after its takeover: the two do not touch each other's work (the sinks read what enrich
         * committed, the takeover is enrich's group alone), and one after the other the suite took about 130 s alone,
         * against 103 and 112 s so (this machine). At 40x the replay would last about 140 s (the longest call is 93
         * minutes long), and the last fault began after 100 to 115 s in runs here with every fault one after the
         * other, which leaves room for slower faults. The replay is hurried once they are over, so that room costs no
         * time: with the replay left to its pace, the suite idled for its last 30 to 40 s, the faults over and one
         * long call still being read out. A node's bounce, which can take the longest (up to 50 s seen when the nodes
         * ran the optimising compiler), comes last, where it has the most room.
         */
        void script() throws Exception {
            nextFaultAfter(Duration.ofSeconds(6));
            // Ended before a sink is restarted: the cut is about running sinks; one started during a cut waits for
            // its store (--store-wait), which SinkCommandTest proves.
            together(enrich.get(0), false, () -> cutStore(Duration.ofSeconds(10)));
            nextFaultAfter(GAP);
            together(enrich.get(1), true, () -> killAndRestart(sinks.get(0), false));
            nextFaultAfter(GAP);
            bounceNode(3, true);
            nextFaultAfter(GAP);
            together(enrich.get(2), false, () -> killAndRestart(sinks.get(1), false));
            nextFaultAfter(GAP);
            bounceNode(2, false);
        }

        /**
         * Kills {@code instance} of enrich (and starts it again, as {@link #killAndRestart}), and injects
         * {@code sinkFault} on a thread of its own a second after the kill: over when both are. A failure of either
         * fails the step, the other's added to it.
         */
        private void together(ChildJvm instance, boolean wipeState, Fault sinkFault) throws Exception {
            CountDownLatch killed = new CountDownLatch(1);
            ExecutorService beside = Executors.newSingleThreadExecutor();
            Future<?> sinkSide = beside.submit(() -> {
                if (killed.await(5, TimeUnit.MINUTES)) {
                    pause(Duration.ofSeconds(1));
                    sinkFault.inject();
                }
                return null;
            });
            Exception failed = null;
            try {
                killAndRestart(instance, wipeState, killed::countDown);
            } catch (Exception e) {
                failed = e;
            } finally {
                killed.countDown(); // where the kill itself failed, the sink's fault still comes, and ends
            }
            try {
                sinkSide.get(5, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception c ? c : e;
                if (failed == null) {
                    failed = cause;
                } else {
                    failed.addSuppressed(cause);
                }
            } finally {
                beside.shutdownNow();
                beside.awaitTermination(1, TimeUnit.MINUTES);
            }
            if (failed != null) {
                throw failed;
            }
        }

        /**
         * Waits {@code gap}, then checks that the replay still runs: a fault is to fall on a pipeline at work, not on
         * one draining what is left.
         */
        private void nextFaultAfter(Duration gap) throws InterruptedException {
            // A slow machine makes the faults slow, not the replay: under a loaded CI an enrich instance took 50 and
            // 80 s to go on past its partitions (3 to 16 s here) and the replay ended before the last faults. So the
            // replay keeps twice the slowest fault so far ahead of the next, slowed down where it has less left.
            slowest = Collections.max(List.of(slowest, Duration.ofNanos(System.nanoTime() - lastFaultBegan)));
            Duration ahead = gap.plus(Collections.max(List.of(AHEAD, slowest.multipliedBy(2))));
            while (replay.running() && replay.left().compareTo(ahead) < 0 && replay.pace().speed() > 2) {
                Pace slower = new Pace(Math.max(2, Math.floor(replay.pace().speed() / 2)));
                say("the replay has %d s left at %s, fault %d still to come: slowed to %s", replay.left().toSeconds(),
                        replay.pace(), faultLog.size() + 1, slower);
                replay.pace(slower);
            }
            pause(gap);
            lastFaultBegan = System.nanoTime();
            assertThat(replay.running()).as("the replay still runs when fault %d begins (if it finished, the script "
                    + "has outgrown it: slow the replay down); the replay %s", faultLog.size() + 1, replay.outcome())
                    .isTrue();
        }

        void random(Duration length, Random random) throws Exception {
            long end = System.nanoTime() + length.toNanos();
            boolean canStopPostgres = Files.isDirectory(Path.of("/etc/postgresql"))
                    && "root".equals(System.getProperty("user.name"));
            int kinds = canStopPostgres ? 7 : 6;
            // Every kind once first, so that any run meets each of them; then kinds at random until the time is up.
            for (int n = 0; n < kinds || System.nanoTime() < end; n++) {
                pause(Duration.ofSeconds(10 + random.nextInt(20)));
                switch (n < kinds ? n : random.nextInt(kinds)) {
                    case 0 -> killAndRestart(enrich.get(random.nextInt(enrich.size())), false);
                    case 1 -> killAndRestart(enrich.get(random.nextInt(enrich.size())), true);
                    case 2 -> killAndRestart(sinks.get(random.nextInt(sinks.size())), false);
                    case 3 -> bounceNode(1 + random.nextInt(cluster.size()), false);
                    case 4 -> bounceNode(1 + random.nextInt(cluster.size()), true);
                    case 5 -> cutStore(Duration.ofSeconds(5 + random.nextInt(25)));
                    default -> stopPostgres(Duration.ofSeconds(30));
                }
            }
        }

        private void killAndRestart(ChildJvm process, boolean wipeState) throws Exception {
            killAndRestart(process, wipeState, () -> { });
        }

        /** Kills {@code process} (-9), runs {@code afterKill}, and starts it again two seconds later. */
        private void killAndRestart(ChildJvm process, boolean wipeState, Runnable afterKill) throws Exception {
            boolean isEnrich = enrich.contains(process);
            long killedAt = System.nanoTime();
            Map<TopicPartition, Long> waiting = isEnrich ? waitingPartitions() : Map.of();
            process.kill();
            afterKill.run();
            String what = process.name() + " killed (-9)";
            if (wipeState) {
                int instance = Integer.parseInt(process.name().substring(process.name().lastIndexOf('-') + 1));
                deleteTree(stateDir(instance));
                what += ", its state folder wiped";
            }
            pause(Duration.ofSeconds(2));
            process.start();
            what += ", started again";
            if (isEnrich && !waiting.isEmpty()) {
                what += "; enrich went on past every waiting partition " + resumedAfter(waiting, killedAt);
            }
            fault("%s", what);
        }

        /** Partitions of call-events with records enrich has not committed yet, at their committed offsets. */
        private Map<TopicPartition, Long> waitingPartitions() throws Exception {
            try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap))) {
                Map<TopicPartition, Long> ends = ends(admin, TopicNames.defaults().callEvents());
                Map<TopicPartition, Long> committed = committed(admin);
                Map<TopicPartition, Long> waiting = new HashMap<>();
                ends.forEach((tp, end) -> {
                    long at = committed.getOrDefault(tp, 0L);
                    if (at < end) {
                        waiting.put(tp, at);
                    }
                });
                return waiting;
            }
        }

        /**
         * How long after the kill enrich's committed offsets moved past where they were on every partition that had
         * records waiting: the takeover time a live call feels (the group must first give up on the dead member).
         */
        private String resumedAfter(Map<TopicPartition, Long> waiting, long killedAt) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap))) {
                while (System.nanoTime() < deadline) {
                    Map<TopicPartition, Long> committed = committed(admin);
                    if (waiting.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) > e.getValue())) {
                        double seconds = (System.nanoTime() - killedAt) / 1e9;
                        takeovers.add(seconds);
                        return String.format("%.1f s after the kill", seconds);
                    }
                    pause(Duration.ofMillis(250)); // polling the group's committed offsets
                }
            }
            return "(not within 3 min)";
        }

        private Map<TopicPartition, Long> committed(Admin admin) throws Exception {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(ENRICH_APP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .forEach((tp, o) -> {
                        if (o != null) {
                            offsets.put(tp, o.offset());
                        }
                    });
            return offsets;
        }

        private void bounceNode(int id, boolean hard) throws Exception {
            ChildJvm node = cluster.node(id);
            long t = System.nanoTime();
            if (hard) {
                node.kill();
            } else {
                node.stop();
            }
            pause(Duration.ofSeconds(3));
            node.start();
            cluster.awaitHealthy(Duration.ofMinutes(3));
            fault("Kafka node %d %s, started again; every partition back in sync after %.1f s", id,
                    hard ? "killed (-9)" : "stopped cleanly (SIGTERM)", (System.nanoTime() - t) / 1e9);
        }

        private void cutStore(Duration length) throws InterruptedException {
            storeLink.cut();
            pause(length);
            storeLink.restore();
            fault("network to PostgreSQL cut for %d s, restored", length.toSeconds());
        }

        private void stopPostgres(Duration length) throws Exception {
            String version = Files.list(Path.of("/etc/postgresql")).findFirst().orElseThrow().getFileName().toString();
            run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast");
            pause(length);
            run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start");
            fault("PostgreSQL stopped for %d s, started again", length.toSeconds());
        }

        private void run(String... command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                    .as("%s: %s", String.join(" ", command), new String(p.getInputStream().readAllBytes())).isTrue();
        }
    }

    /** Waits until enrich has committed every record of call-events, every instance still running. */
    private void awaitEnrichCaughtUp(String bootstrap, List<ChildJvm> enrich) throws Exception {
        long deadline = System.nanoTime() + QUIET.toNanos();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                for (ChildJvm p : enrich) {
                    assertThat(p.alive()).as("%s is running; its log:\n%s", p.name(), p.logTail()).isTrue();
                }
                Map<TopicPartition, Long> ends = ends(admin, TopicNames.defaults().callEvents());
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(ENRICH_APP)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long behind = ends.entrySet().stream().mapToLong(e -> e.getValue()
                        - (committed.get(e.getKey()) == null ? 0 : committed.get(e.getKey()).offset())).sum();
                if (behind == 0) {
                    say("enrich caught up with call-events");
                    return;
                }
                assertThat(System.nanoTime()).as("enrich is still %d records behind after %s", behind, QUIET)
                        .isLessThan(deadline);
                pause(Duration.ofSeconds(1)); // polling the group's committed offsets
            }
        }
    }

    /** Waits until the store's offsets cover every record the sinks read, every sink still running. */
    private void awaitSinkCaughtUp(String store, Map<TopicPartition, Long> needed, List<ChildJvm> sinks)
            throws Exception {
        long deadline = System.nanoTime() + QUIET.toNanos();
        while (true) {
            for (ChildJvm p : sinks) {
                assertThat(p.alive()).as("%s is running; its log:\n%s", p.name(), p.logTail()).isTrue();
            }
            Map<TopicPartition, Long> at;
            try (CallStore s = CallStore.open(store)) {
                at = s.offsets(SINK_GROUP);
            }
            long behind = needed.entrySet().stream().filter(e -> at.getOrDefault(e.getKey(), 0L) < e.getValue())
                    .count();
            if (behind == 0) {
                say("the sinks' store caught up");
                return;
            }
            assertThat(System.nanoTime()).as("the store is behind on %d partitions after %s", behind, QUIET)
                    .isLessThan(deadline);
            pause(Duration.ofSeconds(1)); // polling the store's offsets
        }
    }

    private void verify(Path corpus, Outputs topics, String store) throws Exception {
        // At ingest: each call's events are exactly the events its file gives.
        Map<String, List<CallEvent>> byCall = new LinkedHashMap<>();
        topics.events.forEach(e -> byCall.computeIfAbsent(e.getCallId().toString(), k -> new ArrayList<>()).add(e));
        Map<String, Integer> fromFiles = new HashMap<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.toList()) {
                SharedCalls.load(f).forEach(c -> fromFiles.put(c.callId(), c.events().size()));
            }
        }
        assertThat(byCall.keySet()).as("calls on call-events").containsExactlyInAnyOrderElementsOf(fromFiles.keySet());
        byCall.forEach((call, events) -> assertThat(events).as("events of %s", call).hasSize(fromFiles.get(call)));

        // The oracle: the backtest engine, on each call's events as the topic holds them.
        Map<String, EnrichOutputs> oracle = new HashMap<>();
        try (InProcessEnrich engine = InProcessEnrich.start(EnrichOptions.defaults())) {
            byCall.forEach((call, events) -> oracle.put(call, engine.run(events)));
        }
        long verified = 0;
        long lost = 0;
        long doubled = 0;
        for (String call : byCall.keySet()) {
            EnrichOutputs expected = oracle.get(call);
            assertThat(expected.deadLetters()).as("the oracle's dead letters for %s", call).isEmpty();
            List<SpeakerTurn> turns = ofCall(topics.turns, call, SpeakerTurn::getCallId);
            List<EnrichedTurn> enriched = ofCall(topics.enriched, call, e -> e.getTurn().getCallId());
            List<QaExchange> exchanges = ofCall(topics.exchanges, call, QaExchange::getCallId);
            List<Alert> alerts = withoutEmittedAt(ofCall(topics.alerts, call, Alert::getCallId));
            List<Alert> expectedAlerts = withoutEmittedAt(expected.alerts());
            lost += Math.max(0, expected.turns().size() - turns.size())
                    + Math.max(0, expected.enrichedTurns().size() - enriched.size())
                    + Math.max(0, expected.exchanges().size() - exchanges.size())
                    + Math.max(0, expectedAlerts.size() - alerts.size());
            doubled += Math.max(0, turns.size() - expected.turns().size())
                    + Math.max(0, enriched.size() - expected.enrichedTurns().size())
                    + Math.max(0, exchanges.size() - expected.exchanges().size())
                    + Math.max(0, alerts.size() - expectedAlerts.size());
            assertThat(turns).as("turns of %s", call).containsExactlyElementsOf(expected.turns());
            assertThat(enriched).as("enriched turns of %s", call).containsExactlyElementsOf(expected.enrichedTurns());
            assertThat(exchanges).as("exchanges of %s", call).containsExactlyElementsOf(expected.exchanges());
            assertThat(alerts).as("alerts of %s", call).containsExactlyElementsOf(expectedAlerts);
            verified += turns.size() + enriched.size() + exchanges.size() + alerts.size();
        }
        Set<String> alertIds = new HashSet<>();
        topics.alerts.forEach(a -> assertThat(alertIds.add(a.getAlertId().toString()))
                .as("alert %s once on a read_committed reader", a.getAlertId()).isTrue());
        assertThat(topics.deadLetters).as("dead letters a clean run does not make").isEmpty();

        // The store: what one clean write of every record the sinks read gives.
        String reference = "jdbc:sqlite:" + dir.resolve("reference.db");
        long rows = 0;
        try (CallStore clean = CallStore.open(reference)) {
            clean.write(topics.sinkRecords, "reference", Map.of());
        }
        for (String table : StoreTables.TABLES) {
            List<String> actual = StoreTables.dump(store, table);
            assertThat(actual).as("table %s", table).isEqualTo(StoreTables.dump(reference, table));
            rows += actual.size();
        }
        say("verified %d output records of %d calls against the oracle: %d lost, %d duplicated; %d alert ids each "
                        + "once; 0 dead letters; the store equals a clean run (%d rows in %d tables)", verified,
                byCall.size(), lost, doubled, alertIds.size(), rows, StoreTables.TABLES.size());
        System.out.printf("torture: %d faults injected, %d records verified, 0 lost, 0 duplicated; enrich went on "
                + "past every waiting partition %s after each kill that left records waiting%n", faultLog.size(),
                verified, takeovers.stream().map(t -> String.format("%.1f s", t)).toList());
    }

    private static <T> List<T> ofCall(List<T> records, String call, Function<T, CharSequence> callOf) {
        return records.stream().filter(r -> call.contentEquals(callOf.apply(r))).toList();
    }

    private static List<Alert> withoutEmittedAt(List<Alert> alerts) {
        // The one wall-clock field: when the alert was emitted, which a recomputation cannot repeat.
        return alerts.stream().map(a -> Alert.newBuilder(a).setEmittedAt(Instant.EPOCH).build()).toList();
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().size();
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** One fault of the script. */
    @FunctionalInterface
    private interface Fault {
        void inject() throws Exception;
    }

    private void fault(String format, Object... args) {
        String line = String.format(format, args);
        synchronized (faultLog) { // its number and its line together: two faults may end at once
            faultLog.add(line);
            say("fault %d: %s", faultLog.size(), line);
        }
    }

    private void say(String format, Object... args) {
        System.out.printf("[%6.1f s] torture: %s%n", (System.nanoTime() - startedNanos) / 1e9,
                String.format(format, args));
    }

    private static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis()); // the faults' pacing: the pipeline runs on while the suite waits
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
