package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import io.callstream.enrich.turns.AssemblyBounds;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class EnrichSettingsTest {

    private final EnrichSettings defaults = EnrichSettings.defaults("localhost:9092", "http://localhost:8081", Path.of("s"));

    @Test
    void takesTurnAssemblyBoundsFromTheOverrides() {
        AssemblyBounds bounds = defaults.withOverrides(Map.of(
                EnrichSettings.IDLE_TIMEOUT_MS_CONFIG, "600000",
                EnrichSettings.RECENT_TURNS_KEPT_CONFIG, " 5 ")).assemblyBounds();

        assertThat(bounds.idleTimeoutMs()).isEqualTo(600_000);
        assertThat(bounds.recentTurnsKept()).isEqualTo(5);
        assertThat(bounds.endedRetentionMs()).isEqualTo(AssemblyBounds.DEFAULT_ENDED_RETENTION_MS);
    }

    @Test
    void refusesABoundThatIsNotANumberNamingItsKey() {
        EnrichSettings bad = defaults.withOverrides(Map.of(EnrichSettings.IDLE_TIMEOUT_MS_CONFIG, "30m"));

        assertThatThrownBy(bad::assemblyBounds).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callstream.turns.idle.timeout.ms").hasMessageContaining("'30m'");
    }

    @Test
    void lowLatencyTradesExactlyOnceForAtLeastOnce() {
        assertThat(defaults.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(defaults.lowLatency().toStreamsProperties().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    }

    @Test
    void givesUpOnASilentInstanceAfterTenSecondsUnlessTheUserSaysOtherwise() {
        assertThat(defaults.toStreamsProperties())
                .containsEntry("session.timeout.ms", "10000").containsEntry("heartbeat.interval.ms", "3000");
        assertThat(defaults.withOverrides(Map.of("session.timeout.ms", "45000")).toStreamsProperties())
                .containsEntry("session.timeout.ms", "45000");
    }

    @Test
    void runsTwoStreamThreadsAndBatchesCompressedSnapshotsUnderExactlyOnceAndOneThreadSendingAsItComesForLowLatency() {
        assertThat(defaults.toStreamsProperties())
                .containsEntry("num.stream.threads", "2")
                .containsEntry("producer.batch.size", "262144")
                .containsEntry("producer.compression.type", "lz4");
        assertThat(defaults.lowLatency().toStreamsProperties())
                .containsEntry("num.stream.threads", "1")
                .doesNotContainKey("producer.batch.size")
                .doesNotContainKey("producer.compression.type");
        assertThat(defaults.withOverrides(Map.of("num.stream.threads", "1", "producer.compression.type", "zstd"))
                .toStreamsProperties())
                .containsEntry("num.stream.threads", "1").containsEntry("producer.compression.type", "zstd");
    }
}
