package io.callstream.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.callstream.deploy.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared stack is one running stack for every class and test that asks for it in a test JVM. */
@Tag("integration")
@ExtendWith(SharedStack.class)
class SharedStackTest {

    private static EmbeddedStack atStart;

    @BeforeAll
    static void keep(EmbeddedStack shared) {
        atStart = shared;
    }

    @Test
    void givesEveryTestTheStackItGaveTheClassAndItAnswers(EmbeddedStack shared) throws Exception {
        assertThat(shared).isSameAs(atStart);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", shared.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Nested
    class AnotherClass {

        @Test
        void getsTheSameStack(EmbeddedStack shared) {
            assertThat(shared).isSameAs(atStart);
        }
    }
}
