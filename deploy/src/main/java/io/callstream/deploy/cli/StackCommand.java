package io.callstream.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.topics.TopicCreator;
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

    @Override
    public Integer call() throws Exception {
        EmbeddedStack stack = EmbeddedStack.start(dataDir, registryPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "callstream-stack-shutdown"));
        TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), partitions, (short) 1);
        System.out.println("bootstrap servers:   " + stack.bootstrapServers());
        System.out.println("schema registry url: " + stack.schemaRegistryUrl());
        System.out.println("topics:              " + String.join(", ", TopicNames.defaults().all()));
        System.out.println("Running; Ctrl-C stops it.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
