package io.callstream.deploy.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Alert;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Role;
import io.callstream.avro.Status;
import io.callstream.deploy.testing.SharedCalls;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.enrich.replay.InMemoryEnrich;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.source.LoadedCall;
import org.junit.jupiter.api.Test;

/**
 * The Tesla call read from its raw file, with no flag and no metadata, as a quant's backtest or {@code demo --input}
 * reads it, gives what the bundled demo gives with the company and ticker handed to it: the same exchanges and the
 * same alerts.
 */
class RawTeslaFileTest {

    /** What identifies an alert across runs of one call under two call ids. */
    record AlertKey(String ruleId, int turnIndex, long callOffsetMs, long knownAtSeq) {

        static AlertKey of(Alert alert) {
            return new AlertKey(alert.getRuleId(), alert.getTurnIndex(), alert.getCallOffsetMs(), alert.getKnownAtSeq());
        }
    }

    @Test
    void givesTheExchangesAndAlertsOfTheBundledDemo() throws IOException {
        LoadedCall raw = SharedCalls.load(SharedCalls.file("tesla-2016-q4-earnings-call.txt")).get(0);
        EnrichOutputs fromFile;
        EnrichOutputs bundled;
        try (InMemoryEnrich engine = InMemoryEnrich.start(EnrichOptions.defaults())) {
            fromFile = engine.run(raw.events()).orElseThrow();
            bundled = engine.run(TeslaSample.events()).orElseThrow();
        }

        List<QaExchange> exchanges = finalExchanges(fromFile);
        assertThat(exchanges).hasSize(14);
        assertThat(exchanges.get(0).getAnalyst().getName()).isEqualTo("Adam Jonas");
        assertThat(exchanges.get(0).getAnalyst().getAffiliation()).startsWith("Morgan Stanley");
        assertThat(exchanges).allSatisfy(e -> assertThat(e.getAnalyst().getRole()).isEqualTo(Role.ANALYST));
        assertThat(exchanges).extracting(e -> e.getAnalyst().getName())
                .containsExactlyElementsOf(finalExchanges(bundled).stream().map(e -> e.getAnalyst().getName()).toList());

        assertThat(fromFile.alerts()).extracting(Alert::getRuleId).contains("capital-raise-by-executive");
        assertThat(fromFile.alerts()).filteredOn(a -> a.getRuleId().equals("capital-raise-by-executive"))
                .allSatisfy(a -> assertThat(a.getSpeaker().getName()).isEqualTo("Elon Reeve Musk"));
        assertThat(fromFile.alerts()).extracting(AlertKey::of)
                .containsExactlyElementsOf(bundled.alerts().stream().map(AlertKey::of).toList());
    }

    private static List<QaExchange> finalExchanges(EnrichOutputs outputs) {
        Map<Integer, QaExchange> last = new LinkedHashMap<>();
        outputs.exchanges().stream().filter(e -> e.getStatus() == Status.FINAL)
                .forEach(e -> last.merge(e.getExchangeIndex(), e, (a, b) -> b.getVersion() >= a.getVersion() ? b : a));
        return last.values().stream().sorted(Comparator.comparingInt(QaExchange::getExchangeIndex)).toList();
    }
}
