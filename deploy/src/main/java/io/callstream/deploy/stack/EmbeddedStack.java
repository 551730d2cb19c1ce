package io.callstream.deploy.stack;

import java.nio.file.Path;

import io.callstream.schemas.registry.server.InProcessSchemaRegistry;

/**
 * The embedded default: a real KRaft broker and the in-process schema registry, in this JVM. One way to get a
 * stack, shared by {@code demo}, {@code stack} and the integration tests.
 */
public final class EmbeddedStack implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final InProcessSchemaRegistry registry;

    private EmbeddedStack(EmbeddedKafkaBroker broker, InProcessSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /**
     * The port a registry answers on by convention (Confluent Schema Registry's default), which is also where
     * callstream's commands look for one when none is named.
     */
    public static final int CONVENTIONAL_REGISTRY_PORT = 8081;

    /** A stack whose broker data lives in a temporary folder, gone on close, and whose registry has a free port. */
    public static EmbeddedStack start() {
        return assemble(EmbeddedKafkaBroker.start(), 0);
    }

    /**
     * A stack for people to use ({@code callstream stack}): the registry on {@code registryPort} (0 for any free
     * one), the broker's data kept in {@code dataDir} across restarts, or in a temporary folder where it is null.
     */
    public static EmbeddedStack start(Path dataDir, int registryPort) {
        return assemble(dataDir == null ? EmbeddedKafkaBroker.start() : EmbeddedKafkaBroker.start(dataDir, false),
                registryPort);
    }

    private static EmbeddedStack assemble(EmbeddedKafkaBroker broker, int registryPort) {
        try {
            return new EmbeddedStack(broker, InProcessSchemaRegistry.start(registryPort));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public StackEndpoints endpoints() {
        return new StackEndpoints(bootstrapServers(), schemaRegistryUrl());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
