package io.callstream.dashboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RecentTest {

    private Instant now = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void computesAgainOnlyOnceTheValueIsMaxAgeOld() {
        AtomicInteger asked = new AtomicInteger();
        Recent<Integer> recent = new Recent<>(asked::incrementAndGet, Duration.ofSeconds(5), () -> now);

        assertThat(recent.get()).isEqualTo(1);
        now = now.plusMillis(4_999);
        assertThat(recent.get()).isEqualTo(1);
        now = now.plusMillis(1);
        assertThat(recent.get()).isEqualTo(2);
    }
}
