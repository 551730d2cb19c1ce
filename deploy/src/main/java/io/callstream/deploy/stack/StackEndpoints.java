package io.callstream.deploy.stack;

/** Where a stack's broker and schema registry answer: the embedded one, or any real cluster and registry. */
public record StackEndpoints(String bootstrapServers, String schemaRegistryUrl) {
}
