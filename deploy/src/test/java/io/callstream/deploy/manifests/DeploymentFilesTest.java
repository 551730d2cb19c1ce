package io.callstream.deploy.manifests;

import static io.callstream.deploy.manifests.DeploymentFiles.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.deploy.cli.CallstreamCommand;
import io.callstream.deploy.config.KafkaEnvironment;
import io.callstream.deploy.manifests.DeploymentFiles.Container;
import io.callstream.deploy.stack.EmbeddedKafkaBroker;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The files that deploy callstream where this machine cannot (no Docker engine, no cluster): {@code deploy/compose},
 * {@code deploy/k8s} and {@code deploy/monitoring}. What can be checked here is: they parse; every command line they
 * run is one the CLI takes; every variable they set is one callstream reads; the topics are the pipeline's; the
 * probes ask the ports the commands serve. {@code DeploymentMetricsTest} checks the metrics they query.
 */
class DeploymentFilesTest {

    private static final Set<String> KAFKA_CLIENT_PROPERTIES = new HashSet<>();
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    static {
        KAFKA_CLIENT_PROPERTIES.addAll(ProducerConfig.configNames());
        KAFKA_CLIENT_PROPERTIES.addAll(ConsumerConfig.configNames());
        KAFKA_CLIENT_PROPERTIES.addAll(AdminClientConfig.configNames());
        KAFKA_CLIENT_PROPERTIES.addAll(StreamsConfig.configDef().names());
    }

    @Test
    void everyFileParsesAndTheComposeFileAndKubernetesManifestsAreThere() throws IOException {
        List<Path> yaml = DeploymentFiles.files(".yaml", ".yml");
        List<Path> json = DeploymentFiles.files(".json");
        for (Path file : yaml) {
            assertThat(DeploymentFiles.documents(file)).as(file.toString()).isNotEmpty();
        }
        for (Path file : json) {
            assertThat(new ObjectMapper().readTree(file.toFile()).isObject()).as(file.toString()).isTrue();
        }
        assertThat(yaml).contains(DeploymentFiles.COMPOSE, DeploymentFiles.K8S.resolve("kustomization.yaml"),
                DeploymentFiles.MONITORING.resolve("prometheus-rules.yaml"));
        assertThat(json).contains(DeploymentFiles.MONITORING.resolve("grafana-dashboard.json"));
        assertThat(Files.isRegularFile(DeploymentFiles.DEPLOY.resolve("docker").resolve("Dockerfile"))).isTrue();
    }

    @Test
    void kustomizationListsEveryManifestOnce() throws IOException {
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) DeploymentFiles.documents(
                DeploymentFiles.K8S.resolve("kustomization.yaml")).get(0).get("resources");
        Set<String> manifests = new TreeSet<>();
        for (Path file : DeploymentFiles.files(".yaml")) {
            if (file.startsWith(DeploymentFiles.K8S) && !file.endsWith("kustomization.yaml")) {
                manifests.add(file.getFileName().toString());
            }
        }
        assertThat(resources).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(resources)).isEqualTo(manifests);
    }

    @Test
    void composeRunsEveryStageAndKubernetesDeploysThemToo() throws IOException {
        Set<String> stages = Set.of("ingest http", "enrich", "sink", "alerts", "serve");
        assertThat(DeploymentFiles.composeContainers().stream().map(Container::command)).containsAll(stages);
        assertThat(DeploymentFiles.k8sContainers().stream().map(Container::command)).containsAll(stages);
    }

    @Test
    void everyCommandLineIsOneTheCliTakes() throws IOException {
        for (Container c : all()) {
            for (int i = 0; i < c.args().size(); i++) {
                assertThat(c.argTypes().get(i)).as(c.where() + ": argument " + c.args().get(i)
                        + " must be a string in YAML (Kubernetes refuses numbers in args)").isEqualTo(String.class);
            }
            String[] args = c.args().stream().map(a -> a.replaceAll("\\$\\([A-Z0-9_]+\\)", "placeholder"))
                    .toArray(String[]::new);
            assertThatCode(() -> CallstreamCommand.commandLine().parseArgs(args)).as(c.where() + ": " + c.args())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyVariableIsAKafkaClientPropertyOrOneTheCommandsHelpNames() throws IOException {
        for (Container c : all()) {
            String help = help(c.args());
            for (String variable : c.environment().keySet()) {
                if (variable.startsWith("KAFKA_")) {
                    Set<String> properties = KafkaEnvironment.properties(Map.of(variable, "x")).keySet();
                    assertThat(properties).as(c.where() + ": " + variable + " is read as a Kafka client property")
                            .hasSize(1);
                    assertThat(KAFKA_CLIENT_PROPERTIES).as(c.where() + ": " + variable).contains(
                            properties.iterator().next());
                } else if (JVM_VARIABLES.contains(variable)) {
                    continue; // read by the JVM itself, before callstream starts
                } else if (!c.substitutions().contains(variable)) {
                    assertThat(help).as(c.where() + ": " + variable + " is named by '" + c.command() + " --help'")
                            .contains(variable);
                }
            }
            for (String substituted : c.substitutions()) {
                assertThat(c.environment()).as(c.where() + ": $(" + substituted + ") is set").containsKey(substituted);
            }
        }
    }

    @Test
    void everyStageFindsTheBrokerAndTheRegistryInItsEnvironment() throws IOException {
        for (Container c : all()) {
            assertThat(c.environment()).as(c.where()).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL");
        }
    }

    @Test
    void kubernetesTopicsAreThePipelinesWithItsPartitionsAndSettings() throws IOException {
        List<Map<String, Object>> topics = DeploymentFiles.k8sOfKind("KafkaTopic");
        assertThat(topics.stream().map(DeploymentFiles::name)).containsExactlyInAnyOrderElementsOf(
                TopicNames.defaults().all());
        for (Map<String, Object> topic : topics) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) topic.get("spec");
            assertThat(spec.get("partitions")).as(name(topic)).isEqualTo(TopicCreator.DEFAULT_PARTITIONS);
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.get("config");
            Map<String, String> asStrings = new java.util.TreeMap<>();
            config.forEach((k, v) -> asStrings.put(k, String.valueOf(v)));
            assertThat(asStrings).as(name(topic)).isEqualTo(TopicCreator.TOPIC_CONFIG);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void brokersAbortADeadProducersTransactionAsSoonAsTheEmbeddedBrokerDoes() throws IOException {
        Map<String, Object> kafka = (Map<String, Object>) DeploymentFiles.k8sOfKind("Kafka").get(0).get("spec");
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) kafka.get("kafka")).get("config");
        assertThat(String.valueOf(config.get(EmbeddedKafkaBroker.TRANSACTION_CLEANUP_INTERVAL)))
                .as("the Strimzi cluster's setting").isEqualTo(EmbeddedKafkaBroker.TRANSACTION_CLEANUP_INTERVAL_MS);
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) DeploymentFiles
                .composeServices().get("kafka")).get("environment");
        String variable = "KAFKA_" + EmbeddedKafkaBroker.TRANSACTION_CLEANUP_INTERVAL.toUpperCase().replace('.', '_');
        assertThat(String.valueOf(environment.get(variable))).as("compose's %s", variable)
                .isEqualTo(EmbeddedKafkaBroker.TRANSACTION_CLEANUP_INTERVAL_MS);
    }

    @Test
    void composeCreatesThePipelinesTopicsWithItsPartitionsAndSettings() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> service = (Map<String, Object>) DeploymentFiles.composeServices().get("topics");
        @SuppressWarnings("unchecked")
        String script = String.join("\n", (List<String>) service.get("command"));
        Matcher loop = Pattern.compile("for topic in ([a-z\\- ]+); do").matcher(script);
        assertThat(loop.find()).as(script).isTrue();
        assertThat(List.of(loop.group(1).trim().split(" +"))).containsExactlyElementsOf(TopicNames.defaults().all());
        assertThat(script).contains("--partitions " + TopicCreator.DEFAULT_PARTITIONS);
        TopicCreator.TOPIC_CONFIG.forEach((k, v) -> assertThat(script).contains("--config " + k + "=" + v));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStagesUserMayDoWhatEachStageDoes() throws IOException {
        Map<String, Object> user = DeploymentFiles.k8sOfKind("KafkaUser").stream()
                .filter(u -> "callstream".equals(name(u))).findFirst().orElseThrow();
        List<Map<String, Object>> acls = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                user.get("spec")).get("authorization")).get("acls");
        String enrich = DeploymentFiles.k8sContainers().stream().filter(c -> c.command().equals("enrich"))
                .findFirst().orElseThrow().option("--application-id");
        for (String topic : TopicNames.defaults().all()) {
            // ingest and enrich write, enrich, sink, alerts and serve read, serve and the lag check describe.
            assertThat(allowed(acls, "topic", topic)).as(topic).contains("Read", "Write", "Describe");
        }
        assertThat(allowed(acls, "topic", enrich + "-KSTREAM-AGGREGATE-STATE-STORE-0000000001-changelog"))
                .as("Kafka Streams makes, reads and writes its internal topics").contains("All");
        for (String group : List.of(enrich, "callstream-sink", "callstream-alerts")) {
            assertThat(allowed(acls, "group", group)).as(group).contains("Read", "Describe");
        }
        assertThat(allowed(acls, "transactionalId", enrich + "-0a1b-1")).as("exactly-once enrich's transactions")
                .contains("Write", "Describe");
        assertThat(allowed(acls, "cluster", "kafka-cluster")).contains("IdempotentWrite", "Describe");
    }

    /** The operations the ACLs allow on a resource of this type and name (literal or prefix patterns). */
    @SuppressWarnings("unchecked")
    private static Set<String> allowed(List<Map<String, Object>> acls, String type, String name) {
        Set<String> operations = new TreeSet<>();
        for (Map<String, Object> acl : acls) {
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            if (!type.equals(resource.get("type"))) {
                continue;
            }
            String pattern = (String) resource.get("name");
            boolean matches = type.equals("cluster") || ("prefix".equals(resource.get("patternType"))
                    ? name.startsWith(pattern) : name.equals(pattern));
            if (matches) {
                operations.addAll((List<String>) acl.get("operations"));
            }
        }
        return operations;
    }

    @Test
    void serveWatchesTheEnrichApplicationThatRuns() throws IOException {
        for (List<Container> containers : List.of(DeploymentFiles.composeContainers(), DeploymentFiles.k8sContainers())) {
            String enrich = containers.stream().filter(c -> c.command().equals("enrich")).findFirst().orElseThrow()
                    .option("--application-id");
            String watched = containers.stream().filter(c -> c.command().equals("serve")).findFirst().orElseThrow()
                    .option("--enrich-application-id");
            assertThat(watched).isNotNull().isEqualTo(enrich);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesProbesAskThePortAndPathsTheCommandServes() throws IOException {
        for (Container c : DeploymentFiles.k8sContainers()) {
            String port = c.option("--port");
            assertThat(port).as(c.where() + " serves its probes").isNotNull();
            Map<String, Object> named = ((List<Map<String, Object>>) c.spec().get("ports")).get(0);
            assertThat(named.get("name")).isEqualTo("http");
            assertThat(String.valueOf(named.get("containerPort"))).as(c.where()).isEqualTo(port);
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) c.spec().get(probe)).get("httpGet");
                assertThat(get.get("port")).as(c.where() + " " + probe).isEqualTo("http");
                // serve's readiness also wants enrich running; the dashboard stays reachable to show that it is not.
                String expected = c.command().equals("ingest http") ? "/health"
                        : probe.equals("livenessProbe") || c.command().equals("serve") ? "/health/live"
                        : "/health/ready";
                assertThat(get.get("path")).as(c.where() + " " + probe).isEqualTo(expected);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeHealthChecksAskThePortTheCommandServes() throws IOException {
        Map<String, Object> services = DeploymentFiles.composeServices();
        for (Container c : DeploymentFiles.composeContainers()) {
            String service = c.where().substring("compose service ".length());
            List<String> test = (List<String>) ((Map<String, Object>) ((Map<String, Object>) services.get(service))
                    .get("healthcheck")).get("test");
            assertThat(String.join(" ", test)).as(c.where())
                    .containsPattern("http://localhost:" + c.option("--port") + "/health(/live|/ready)?\\b");
        }
    }

    private static List<Container> all() throws IOException {
        List<Container> all = new ArrayList<>(DeploymentFiles.composeContainers());
        all.addAll(DeploymentFiles.k8sContainers());
        assertThat(all).isNotEmpty();
        return all;
    }

    /** The usage text of the (sub)command these arguments run, wide enough that no name is broken across lines. */
    private static String help(List<String> args) {
        CommandLine cli = CallstreamCommand.commandLine();
        for (String arg : args) {
            CommandLine sub = cli.getSubcommands().get(arg);
            if (sub == null) {
                break;
            }
            cli = sub;
        }
        cli.setUsageHelpWidth(400);
        return cli.getUsageMessage();
    }
}
