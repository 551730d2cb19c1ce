package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.callstream.deploy.config.KafkaEnvironment;
import io.callstream.deploy.config.SchemaRegistryEnvironment;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.ChildJava;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.InputFiles;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.RegistryClientProperties;
import io.callstream.schemas.registry.SchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code callstream stack} as a user runs it: a separate JVM, read by an outside Kafka client. */
@Tag("integration")
class StackCommandTest {

    @Test
    // A child that never prints must fail the test, not hang the build; a separate thread can be abandoned.
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void printsABootstrapAddressThatKcatCanList() throws Exception {
        assumeTrue(runs("kcat", "-V"), "kcat is not installed (apt-get install kcat); .ci/run installs it.");
        // A free registry port: this test is about the broker, and must not depend on 8081 being free.
        Process stack = callstreamProcess("stack", "--registry-port", "0");
        // The reader is not closed here: the drain thread owns it, and it ends when the child's pipe closes.
        BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
        try {
            String bootstrap = bootstrapOf(out);
            assertThat(bootstrap).as("the stack printed its bootstrap servers").startsWith("127.0.0.1:");

            Process kcat = new ProcessBuilder("kcat", "-L", "-b", bootstrap, "-m", "10").redirectErrorStream(true).start();
            String listing = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kcat.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(kcat.exitValue()).as(listing).isZero();
            assertThat(listing).contains("1 brokers:").contains("topic \"call-events\"").contains("topic \"call-turns\"");
        } finally {
            stop(stack);
        }
        assertThat(stack.exitValue()).as("the stack shut down on SIGTERM").isIn(0, 143);
    }

    /**
     * The workflow a user follows: 'callstream stack' in one terminal, then 'callstream ingest file FOLDER
     * --speed max --bootstrap-servers ADDR' in another, with no registry URL (the stack's registry answers where
     * clients look by default). Every call of the folder must land, event for event.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ingestFileWritesEveryCallOfAFolderToTheStack() throws Exception {
        Path earnings21 = Path.of(System.getProperty("callstream.shared.dir", "../../shared"), "data", "earnings21");
        assumeTrue(Files.isDirectory(earnings21), "../shared/data/earnings21 is absent: nothing to ingest");
        assumeTrue(portIsFree(EmbeddedStack.CONVENTIONAL_REGISTRY_PORT), "port "
                + EmbeddedStack.CONVENTIONAL_REGISTRY_PORT + " is taken, so the stack cannot put its registry there");
        assumeTrue(runs("kcat", "-V"), "kcat is not installed (apt-get install kcat); .ci/run installs it.");
        long expected = 0;
        CallFileReader reader = new CallFileReader(TranscriptFormats.all(), null);
        for (Path file : InputFiles.expand(List.of(earnings21))) {
            for (LoadedCall call : reader.read(Files.readAllBytes(file), file.toString(), "file", CallOverrides.NONE).calls()) {
                expected += call.events().size();
            }
        }

        Process stack = callstreamProcess("stack");
        BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
        try {
            String bootstrap = bootstrapOf(out);
            Process ingest = callstreamProcess("ingest", "file", earnings21.toString(), "--speed", "max",
                    "--bootstrap-servers", bootstrap);
            String ingestOutput = new String(ingest.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ingest.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(ingest.exitValue()).as(ingestOutput).isZero();

            Process count = new ProcessBuilder("bash", "-c", "kcat -b " + bootstrap
                    + " -C -t call-events -e -q -f 'x\\n' | wc -l").redirectErrorStream(true).start();
            String counted = new String(count.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(count.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Long.parseLong(counted)).as("events on call-events").isEqualTo(expected);
        } finally {
            stop(stack);
        }
    }

    /**
     * 'callstream stack --secure' as a user runs it: each stage's printed export lines, taken as a shell takes them,
     * log in to the broker, and the registry credentials printed with them are accepted.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void secureStackPrintsVariablesEachStageLogsInWith() throws Exception {
        Process stack = callstreamProcess("stack", "--secure", "--registry-port", "0");
        BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
        try {
            Map<String, Map<String, String>> stages = new LinkedHashMap<>();
            Map<String, String> block = null;
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Running;")) {
                if (line.startsWith("# ")) {
                    block = stages.computeIfAbsent(line.substring(2, line.indexOf(' ', 2)), k -> new LinkedHashMap<>());
                } else if (block != null && line.startsWith("export ")) {
                    int equals = line.indexOf('=');
                    String quoted = line.substring(equals + 1);
                    block.put(line.substring("export ".length(), equals), quoted.substring(1, quoted.length() - 1));
                }
            }
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "stack-output-drain");
            drain.setDaemon(true);
            drain.start();

            assertThat(stages).containsOnlyKeys("ingest", "enrich", "sink", "dashboard");
            for (Map<String, String> variables : stages.values()) {
                Map<String, Object> client = new HashMap<>(KafkaEnvironment.properties(variables));
                try (Admin admin = Admin.create(client)) {
                    assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
                }
                RegistryClientConfig registry = RegistryClientProperties.apply(
                        RegistryClientConfig.of(variables.get("SCHEMA_REGISTRY_URL")),
                        SchemaRegistryEnvironment.properties(variables));
                assertThat(new SchemaRegistryClient(registry).subjects()).isNotNull();
            }
        } finally {
            stop(stack);
        }
        assertThat(stack.exitValue()).as("the stack shut down on SIGTERM").isIn(0, 143);
    }

    private static Process callstreamProcess(String... args) throws IOException {
        return new ProcessBuilder(ChildJava.callstream(args)).redirectErrorStream(true).start();
    }

    private static String bootstrapOf(BufferedReader out) throws IOException {
        // What the stack printed before it ended, for the failure: it says why (a port taken, a broker that failed).
        StringBuilder printed = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            printed.append(line).append('\n');
            if (line.startsWith("bootstrap servers:")) {
                String bootstrap = line.substring(line.indexOf(':') + 1).strip();
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "stack-output-drain");
                drain.setDaemon(true); // keeps the child from blocking on a full pipe
                drain.start();
                return bootstrap;
            }
        }
        throw new AssertionError("the stack ended without printing its bootstrap servers; it printed:\n" + printed);
    }

    private static void stop(Process stack) throws InterruptedException {
        stack.destroy(); // SIGTERM: the stack's shutdown hook closes the broker
        if (!stack.waitFor(30, TimeUnit.SECONDS)) {
            stack.destroyForcibly();
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void helpListsEveryCommandWithOneLine() {
        java.io.StringWriter text = new java.io.StringWriter();
        var cli = CallstreamCommand.commandLine();
        cli.setOut(new java.io.PrintWriter(text));
        int exit = cli.execute("--help");
        assertThat(exit).isZero();
        List<String> commandLines = text.toString().lines()
                .dropWhile(l -> !l.startsWith("Commands:")).skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertThat(commandLines).anySatisfy(l -> assertThat(l).startsWith("  demo ").contains("Replay the bundled Tesla"));
        assertThat(commandLines).anySatisfy(l -> assertThat(l).startsWith("  stack ").contains("Run the embedded Kafka"));
        assertThat(commandLines).as("one line per command").allMatch(l -> l.startsWith("  ") && !l.startsWith("   "));
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(List.of(command)).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
