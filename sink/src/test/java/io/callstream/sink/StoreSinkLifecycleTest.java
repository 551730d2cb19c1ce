package io.callstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

import javax.management.ObjectName;

import io.callstream.avro.DeadLetter;
import io.callstream.sink.jdbc.CallStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sink's consumer is closed by whoever comes first, its loop or its close; no broker is needed to see it. */
class StoreSinkLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void closedBeforeItRunsClosesItsConsumerAndRunsNot() throws Exception {
        DeadLetterSink none = new DeadLetterSink() {
            @Override
            public void send(DeadLetter letter) {
                throw new AssertionError("nothing is read");
            }

            @Override
            public void flush() {
            }
        };
        String clientId = "store-sink-lifecycle-test";
        // A consumer is made without reaching its broker: this address is never dialled.
        Map<String, String> clients = Map.of("bootstrap.servers", "127.0.0.1:9", "client.id", clientId);
        ObjectName consumer = new ObjectName("kafka.consumer:type=app-info,id=" + clientId);
        try (CallStore store = CallStore.open("jdbc:sqlite:" + dir.resolve("store.db"))) {
            Deserializer<SpecificRecord> nothing = (topic, data) -> null;
            StoreSink sink = new StoreSink(clients, StoreSink.Settings.of("g", Map.of("t", nothing)), store, none,
                    StoreSink.Listener.NONE, BatchStage.Listener.NONE);
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(consumer)).isTrue();
            sink.close();
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(consumer))
                    .as("a sink that never ran closes its consumer itself").isFalse();
            sink.run(); // closed before it ran: returns at once
            assertThat(sink.health().state()).isEqualTo(SinkHealth.State.STOPPED);
            assertThat(sink.failure()).isNull();
        }
    }
}
