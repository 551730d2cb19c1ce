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

    /** A stack whose broker data lives in a temporary folder, gone on close. */
    public static EmbeddedStack start() {
        return assemble(EmbeddedKafkaBroker.start());
    }

    /** A stack whose broker keeps its data in {@code dataDir} across restarts. */
    public static EmbeddedStack start(Path dataDir) {
        return assemble(EmbeddedKafkaBroker.start(dataDir, false));
    }

    private static EmbeddedStack assemble(EmbeddedKafkaBroker broker) {
        try {
            return new EmbeddedStack(broker, InProcessSchemaRegistry.start());
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
