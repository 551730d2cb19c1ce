package io.callstream.deploy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.callstream.deploy.stack.BrokerSecurity;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.stack.StageCredentials;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Run the embedded Kafka broker and registry alone, until Ctrl-C.")
final class StackCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's data here across runs (default: a temporary folder, removed on exit).")
    private Path dataDir;

    @Option(names = "--registry-port", defaultValue = "" + EmbeddedStack.CONVENTIONAL_REGISTRY_PORT, paramLabel = "PORT",
            description = "Port of the schema registry on 127.0.0.1 (default: ${DEFAULT-VALUE}, where the other commands "
                    + "look when no --schema-registry-url is given; 0 for any free port).")
    private int registryPort;

    @Option(names = "--partitions", defaultValue = "" + TopicCreator.DEFAULT_PARTITIONS, paramLabel = "N",
            description = "Partitions of each pipeline topic created at start (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--secure",
            description = "Lock the stack down: SASL/SCRAM-SHA-512 on the broker's client listener, ACLs with nothing "
                    + "allowed unless granted, one principal per stage (ingest, enrich, sink, dashboard) allowed only "
                    + "its own topics, groups and transactional ids, and a registry that wants HTTP Basic credentials. "
                    + "Passwords are new at each start; the KAFKA_* and SCHEMA_REGISTRY_* variables of each stage are "
                    + "printed once, here.")
    private boolean secure;

    @Override
    public Integer call() throws Exception {
        EmbeddedStack stack = secure ? EmbeddedStack.startSecured(dataDir, registryPort)
                : EmbeddedStack.start(dataDir, registryPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "callstream-stack-shutdown"));
        TopicCreator.ensure(stack.adminProperties(), TopicNames.defaults(), partitions, (short) 1);
        if (secure) {
            securedSettings(stack).forEach(System.out::println);
        } else {
            System.out.println("bootstrap servers:   " + stack.bootstrapServers());
            System.out.println("schema registry url: " + stack.schemaRegistryUrl());
            System.out.println("topics:              " + String.join(", ", TopicNames.defaults().all()));
        }
        System.out.println("Running; Ctrl-C stops it.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * What a secured stack prints: where it is, then each stage's variables as {@code export} lines to paste in
     * that stage's shell. Printed to this terminal only, never logged: they are the one copy of the passwords.
     */
    static List<String> securedSettings(EmbeddedStack stack) {
        List<String> lines = new ArrayList<>();
        lines.add("bootstrap servers:   " + stack.bootstrapServers() + " (SASL_PLAINTEXT, "
                + BrokerSecurity.CLIENT_MECHANISM + "; ACLs, nothing allowed unless granted)");
        lines.add("schema registry url: " + stack.schemaRegistryUrl() + " (HTTP Basic credentials, reads included)");
        lines.add("topics:              " + String.join(", ", TopicNames.defaults().all()));
        lines.add("");
        lines.add("Each stage logs in as its own principal, allowed only what is listed. Paste a stage's lines in the");
        lines.add("shell that runs it (the passwords are new at each start and shown only here):");
        for (StageCredentials stage : stack.stageCredentials()) {
            lines.add("");
            lines.add("# " + stage.stage().name().toLowerCase(Locale.ROOT) + " (" + stage.stage().principal() + "): "
                    + stage.stage().describe(TopicNames.defaults()));
            stage.kafkaVariables().forEach((name, value) -> lines.add("export " + name + "=" + shellQuoted(value)));
            lines.add("export SCHEMA_REGISTRY_URL=" + shellQuoted(stack.schemaRegistryUrl()));
            lines.add("export SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO="
                    + shellQuoted(stack.registryUserInfoForPrinting()));
        }
        lines.add("");
        return lines;
    }

    /** In single quotes, so a JAAS line's double quotes and semicolon reach the variable as they are. */
    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
