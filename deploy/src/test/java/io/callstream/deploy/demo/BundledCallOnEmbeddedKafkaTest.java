package io.callstream.deploy.demo;

import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.stack.StackEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/** The end-to-end contract on the in-process KRaft broker: runs everywhere, CI included. */
@Tag("integration")
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
