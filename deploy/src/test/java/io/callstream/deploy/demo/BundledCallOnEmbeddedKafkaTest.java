package io.callstream.deploy.demo;

import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.stack.StackEndpoints;
import org.junit.jupiter.api.AfterAll;

/** The end-to-end contract on the in-process KRaft broker: runs everywhere, CI included. */
class BundledCallOnEmbeddedKafkaTest extends BundledCallEndToEndContract {

    private EmbeddedStack stack;

    @Override
    protected StackEndpoints endpoints() {
        stack = EmbeddedStack.start();
        return stack.endpoints();
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }
}
