package io.callstream.dashboard.monitor;

import static io.callstream.sink.testing.SinkRecords.alert;
import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.callstream.avro.Status;
import org.junit.jupiter.api.Test;

class MonitoringTest {

    private Instant now = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void scrapeShowsPipelineMetersInPrometheusText() {
        try (Monitoring monitoring = new Monitoring(() -> now)) {
            monitoring.pipeline().accept(line("c1", 412, "We may raise capital later this year."));
            now = now.plusMillis(30);
            monitoring.pipeline().accept(enriched("c1", 3, 412, Status.PARTIAL, "We may raise capital", "capital-raise"));
            monitoring.pipeline().accept(alert("c1", "capital-raise-by-executive", 3));

            String text = monitoring.scrape();

            assertThat(text).contains("callstream_lines_in_total{status=\"FINAL\"} 1.0\n");
            assertThat(text).contains("callstream_turns_out_total{status=\"PARTIAL\"} 1.0\n");
            assertThat(text).contains("callstream_alerts_total{rule=\"capital-raise-by-executive\",severity=\"HIGH\"} 1.0\n");
            assertThat(text).contains("callstream_latency_turn_seconds_count{from=\"line_seen\"} 1\n");
            assertThat(text).contains("callstream_latency_turn_seconds_bucket{from=\"line_seen\",le=\"0.001\"} 0\n");
            assertThat(text).contains("callstream_latency_turn_seconds_bucket{from=\"line_seen\",le=\"+Inf\"} 1\n");
        }
    }

    @Test
    void latencyHistogramsAreScrapedBeforeTheirFirstSample() {
        try (Monitoring monitoring = new Monitoring(() -> now)) {
            String text = monitoring.scrape();

            assertThat(text).contains("callstream_latency_alert_seconds_bucket{from=\"observed_at\",le=\"+Inf\"} 0\n");
            assertThat(text).contains("callstream_latency_turn_seconds_count{from=\"line_seen\"} 0\n");
        }
    }
}
