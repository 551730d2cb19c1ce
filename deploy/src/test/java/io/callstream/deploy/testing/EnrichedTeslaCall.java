package io.callstream.deploy.testing;

import io.callstream.enrich.EnrichOutputs;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Status;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.enrich.EnrichOptions;
import io.callstream.ingest.TeslaSample;
import io.callstream.sink.jdbc.CallStore;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bundled Tesla call through the enrich topology in this process, as the records the store sink would read
 * (its call events, every enriched turn snapshot, exchange and alert), ready to write into a store.
 */
public record EnrichedTeslaCall(List<SpecificRecord> records, int finalTurns) {

    public static final String CALL_ID = TeslaSample.METADATA.callId();

    public EnrichedTeslaCall {
        records = List.copyOf(records);
    }

    public static EnrichedTeslaCall run() {
        List<SpecificRecord> records = new ArrayList<>(TeslaSample.events());
        EnrichOutputs outputs;
        try (InProcessEnrich enrich = InProcessEnrich.start(EnrichOptions.defaults())) {
            outputs = enrich.run(TeslaSample.events());
        }
        records.addAll(outputs.enrichedTurns());
        records.addAll(outputs.exchanges());
        records.addAll(outputs.alerts());
        int finals = (int) outputs.enrichedTurns().stream().map(EnrichedTurn::getTurn)
                .filter(t -> t.getStatus() == Status.FINAL).map(t -> t.getTurnIndex()).distinct().count();
        return new EnrichedTeslaCall(records, finals);
    }

    /** Writes every record into the store at the URL (migrating its schema first), as the sink would. */
    public void writeTo(String jdbcUrl) throws SQLException {
        try (CallStore store = CallStore.open(jdbcUrl)) {
            List<CallStore.Refusal> refused = store.write(records, "tesla-fixture", Map.of());
            if (!refused.isEmpty()) {
                throw new IllegalStateException("the store refused records of the Tesla call: " + refused);
            }
        }
    }
}
