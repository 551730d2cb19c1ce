package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callstream.deploy.stack.EmbeddedKafkaBroker;
import io.callstream.ingest.TeslaSample;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.registry.server.RegistryAccess;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Commands against a registry that wants credentials, as Confluent Cloud and Karapace with users do: the credentials
 * come from SCHEMA_REGISTRY_* variables, reach every registry client a command builds (serializers and
 * deserializers alike), and a missing or wrong one is one clear line that never shows a secret.
 */
@Tag("integration")
class SecuredRegistryCommandsTest {

    private static final String USER_INFO = "sr-key-7Q2:sr-secret-9Zk4w";

    private static EmbeddedKafkaBroker broker;
    private static InProcessSchemaRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start();
        registry = InProcessSchemaRegistry.startSecured(RegistryAccess.basic("sr-key-7Q2", "sr-secret-9Zk4w"));
        TopicCreator.ensure(broker.bootstrapServers(), TopicNames.defaults(), 1, (short) 1);
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void ingestAndCaptureUseTheCredentialsOfTheEnvironment() throws Exception {
        Path tesla = Files.writeString(dir.resolve("tesla-2016-q4.txt"), TeslaSample.text());
        Map<String, String> env = Map.of("SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", USER_INFO);

        CliRun ingested = run(env, "ingest", "file", tesla.toString(), "--speed", "max");
        Path capture = dir.resolve("tesla.jsonl");
        CliRun captured = run(env, "capture", "--call", "tesla-2016-q4", "--out", capture.toString());

        assertThat(ingested.exit()).as(ingested.err()).isZero();
        assertThat(captured.exit()).as(captured.err()).isZero();
        assertThat(Files.readString(capture)).isEqualTo(CliRun.of("ingest", "file", tesla.toString(), "--dry-run").out());
    }

    @Test
    void withoutCredentialsACommandSays401AndWhatToSet() throws Exception {
        Path tesla = Files.writeString(dir.resolve("tesla-2016-q4.txt"), TeslaSample.text());

        CliRun run = run(Map.of(), "ingest", "file", tesla.toString(), "--speed", "max");

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("HTTP 401").contains("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO=user:secret");
    }

    @Test
    void aWrongSecretIsRefusedWithoutShowingIt() throws Exception {
        Path tesla = Files.writeString(dir.resolve("tesla-2016-q4.txt"), TeslaSample.text());

        CliRun run = run(Map.of("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "sr-key-7Q2:not-the-Secret-31"),
                "ingest", "file", tesla.toString(), "--speed", "max");

        assertThat(run.exit()).isNotZero();
        assertThat(run.err() + run.out()).contains("HTTP 401").contains("HTTP Basic credentials")
                .doesNotContain("not-the-Secret-31").doesNotContain("sr-key-7Q2");
    }

    /** One run with {@code environment} as every registry and Kafka option's environment. */
    private static CliRun run(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CallstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        useEnvironment(cli, environment);
        int exit = cli.execute(all.toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    private static void useEnvironment(CommandLine command, Map<String, String> environment) {
        command.getMixins().values().forEach(mixin -> {
            if (mixin instanceof KafkaOptions kafka) {
                kafka.environment = () -> environment;
            }
        });
        command.getSubcommands().values().forEach(sub -> useEnvironment(sub, environment));
    }
}
