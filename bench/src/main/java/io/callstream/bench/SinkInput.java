package io.callstream.bench;

import io.callstream.enrich.EnrichOutputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.enrich.EnrichOptions;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the store sink is given for copies of the Tesla call, each under a call id of its own: the call's
 * CallStarted and CallEnded, every EnrichedTurn snapshot (PARTIALs included), every QaExchange version and every
 * Alert, as the enrich topology emits them. The call's events are piped one at a time through
 * {@link InProcessEnrich}, so the records come in the order a live sink meets them: an event from call-events ahead
 * of what it caused, then that event's enriched turns, exchanges and alerts.
 *
 * <p>The TranscriptLines on call-events are left out: the sink reads them too, but {@code CallStore.write} skips
 * them, so they would only dilute the batches with records that cost nothing.
 *
 * <p>The call is enriched once (a second per call through the topology would dominate the run) and copied: every
 * record's Avro encoding with the first call's id replaced by the copy's, which has the same length, so the encoding
 * stays valid and every field that holds the id (call ids, line ids, exchange ids, alert ids) changes with it.
 */
record SinkInput(List<SpecificRecord> records, int copies, int recordsPerCall, int linesPerCall) {

    static SinkInput of(TeslaCalls tesla, int copies) {
        List<SpecificRecord> call = enrich(tesla, callId(0));
        Codecs codecs = new Codecs();
        List<byte[]> encoded = call.stream().map(codecs::encode).toList();
        byte[] template = callId(0).getBytes(StandardCharsets.UTF_8);
        List<SpecificRecord> records = new ArrayList<>(copies * call.size());
        records.addAll(call);
        for (int copy = 1; copy < copies; copy++) {
            String id = callId(copy);
            byte[] replacement = id.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < call.size(); i++) {
                SpecificRecord r = codecs.decode(call.get(i).getClass(), replaced(encoded.get(i), template, replacement));
                if (!id.equals(callIdOf(r))) {
                    throw new IllegalStateException("copy " + copy + " of a record kept call id " + callIdOf(r));
                }
                records.add(r);
            }
        }
        return new SinkInput(List.copyOf(records), copies, call.size(), tesla.lineCount());
    }

    /** Fixed width: one call's id is never part of another's. */
    private static String callId(int copy) {
        return String.format("sink-bench-%06d", copy);
    }

    private static List<SpecificRecord> enrich(TeslaCalls tesla, String callId) {
        List<SpecificRecord> records = new ArrayList<>();
        try (InProcessEnrich enrich = InProcessEnrich.start(EnrichOptions.defaults())) {
            for (CallEvent event : tesla.call(callId)) {
                if (event.getPayload() instanceof CallStarted || event.getPayload() instanceof CallEnded) {
                    records.add(event);
                }
                EnrichOutputs out = enrich.run(List.of(event));
                if (!out.deadLetters().isEmpty()) {
                    throw new IllegalStateException("enrich dead-lettered the bundled call: " + out.deadLetters());
                }
                records.addAll(out.enrichedTurns());
                records.addAll(out.exchanges());
                records.addAll(out.alerts());
            }
        }
        return records;
    }

    private static String callIdOf(SpecificRecord r) {
        if (r instanceof CallEvent e) {
            return e.getCallId();
        } else if (r instanceof EnrichedTurn t) {
            return t.getTurn().getCallId();
        } else if (r instanceof QaExchange e) {
            return e.getCallId();
        } else if (r instanceof Alert a) {
            return a.getCallId();
        }
        throw new IllegalArgumentException("not a record the sink stores: " + r.getClass());
    }

    /** Avro's binary encoding per record class; a reader or writer resolves its schema once, so one of each per class. */
    private static final class Codecs {
        private final Map<Class<?>, SpecificDatumWriter<SpecificRecord>> writers = new HashMap<>();
        private final Map<Class<?>, SpecificDatumReader<SpecificRecord>> readers = new HashMap<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;

        @SuppressWarnings("unchecked")
        byte[] encode(SpecificRecord r) {
            // By class, not schema: the class's own model knows its logical types (timestamps as Instant).
            SpecificDatumWriter<SpecificRecord> writer = writers.computeIfAbsent(r.getClass(),
                    c -> new SpecificDatumWriter<>((Class<SpecificRecord>) c));
            out.reset();
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            try {
                writer.write(r, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        @SuppressWarnings("unchecked")
        SpecificRecord decode(Class<? extends SpecificRecord> kind, byte[] bytes) {
            SpecificDatumReader<SpecificRecord> reader = readers.computeIfAbsent(kind,
                    c -> new SpecificDatumReader<>((Class<SpecificRecord>) c));
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            try {
                return reader.read(null, decoder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static byte[] replaced(byte[] bytes, byte[] from, byte[] to) {
        byte[] out = bytes.clone();
        for (int i = 0; i + from.length <= out.length; i++) {
            if (out[i] == from[0] && Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, out, i, to.length);
                i += from.length - 1;
            }
        }
        return out;
    }

    /** The first {@code calls} copies: whole calls, so any prefix has the mix of record kinds of the whole. */
    List<SpecificRecord> calls(int calls) {
        return records.subList(0, calls * recordsPerCall);
    }

    /** Records of a kind in one call. */
    long count(Class<? extends SpecificRecord> kind) {
        return records.stream().filter(kind::isInstance).count() / copies;
    }
}
