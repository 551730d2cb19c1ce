package io.callstream.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.callstream.deploy.testing.ProjectRoot;

/**
 * The distribution keeps the embedded broker's jars (Kafka's server, Scala) in {@code lib/embedded}, which the
 * launcher puts on the classpath of {@code demo} and {@code stack} only: every other command runs on {@code lib/}
 * alone. Runs after packaging, on the distribution Maven built.
 */
@Tag("integration")
class EmbeddedBrokerJarsTest {

    private static final Path TARGET = ProjectRoot.path().resolve("deploy/target");

    @TempDir
    Path dir;

    @Test
    void theBrokerAndScalaAreInLibEmbeddedAndNowhereElse() throws IOException {
        List<Path> lib = jars(TARGET.resolve("lib"));
        List<Path> embedded = jars(TARGET.resolve("lib/embedded"));
        assertThat(lib).as("lib/").isNotEmpty();
        assertThat(holding(lib, "kafka/server/KafkaRaftServer.class")).as("lib/ holds the broker").isEmpty();
        assertThat(holding(lib, "scala/Option.class")).as("lib/ holds Scala").isEmpty();
        assertThat(holding(embedded, "kafka/server/KafkaRaftServer.class")).as("lib/embedded/").hasSize(1);
        assertThat(holding(embedded, "scala/Option.class")).as("lib/embedded/").hasSize(1);
        // The clients, Streams and the pipeline's own libraries stay with every command.
        assertThat(holding(embedded, "org/apache/kafka/clients/producer/KafkaProducer.class")).isEmpty();
        assertThat(holding(embedded, "org/apache/kafka/streams/KafkaStreams.class")).isEmpty();
    }

    @Test
    void aBacktestAndTheCommandListRunWithoutTheBrokersJars() throws Exception {
        Path out = dir.resolve("report");
        // No file of embeddings: the learned tier's model must load from lib/ alone, as for a user's first backtest.
        Run backtest = lean("backtest", "--corpus", ProjectRoot.path().resolve("samples/calls").toString(),
                "--out", out.toString(), "--embedding-cache", "none");
        String printed = backtest.output();
        assertThat(backtest.exitValue()).as(printed).isZero();
        assertThat(printed).contains("Backtested 1 call");
        assertThat(out.resolve("report.html")).isRegularFile();

        Run help = lean("--help");
        String listed = help.output();
        assertThat(help.exitValue()).as(listed).isZero();
        assertThat(listed).contains("demo", "stack", "enrich", "sink", "serve");
    }

    @Test
    void demoWithoutTheBrokersJarsSaysWhereTheyAre() throws Exception {
        Run demo = lean("demo", "--speed", "max", "--quiet", "--store", dir.resolve("demo.db").toString());
        String printed = demo.output();
        assertThat(demo.exitValue()).as(printed).isNotZero();
        assertThat(printed).contains("lib/embedded", "./callstream").doesNotContain("NoClassDefFoundError");
    }

    /** A command run in a process of its own, printing into a file. */
    private record Run(Process process, Path printed) {

        /** What the process printed once it ended; one still running after two minutes is killed, and fails. */
        String output() throws Exception {
            boolean ended = process.waitFor(2, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly();
            }
            assertThat(ended).as("ended within two minutes").isTrue();
            return Files.readString(printed, StandardCharsets.UTF_8);
        }

        int exitValue() {
            return process.exitValue();
        }
    }

    /** {@code callstream ARGS} on the classpath the launcher gives every command but demo and stack. */
    private Run lean(String... args) throws IOException {
        // The quick compiler, as the launcher gives a backtest and the demo; bytecode verified, as the launcher
        // leaves it: verifying loads the classes a method's types name, and one missing is the failure sought here.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp", TARGET.resolve("callstream-deploy.jar") + java.io.File.pathSeparator + TARGET.resolve("lib") + "/*",
                "io.callstream.deploy.Main"));
        command.addAll(List.of(args));
        Path printed = Files.createTempFile(dir, "printed", ".txt");
        return new Run(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(printed.toFile()).start(), printed);
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static List<Path> holding(List<Path> jars, String entry) throws IOException {
        List<Path> holding = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getEntry(entry) != null) {
                    holding.add(jar);
                }
            }
        }
        return holding;
    }
}
