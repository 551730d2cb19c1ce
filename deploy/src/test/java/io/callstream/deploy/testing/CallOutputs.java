package io.callstream.deploy.testing;

import io.callstream.enrich.EnrichOutputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.callstream.avro.Alert;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.backtest.inprocess.InProcessEnrich;

/**
 * What enrich emitted for calls, each list in emission order, with the one wall-clock field (an alert's
 * {@code emittedAt}) cleared: everything a replay, a capture or a backtest must reproduce exactly, ids and both
 * clocks included.
 */
public record CallOutputs(List<SpeakerTurn> turns, List<EnrichedTurn> enrichedTurns, List<QaExchange> exchanges,
                          List<Alert> alerts) {

    public CallOutputs {
        turns = List.copyOf(turns);
        enrichedTurns = List.copyOf(enrichedTurns);
        exchanges = List.copyOf(exchanges);
        alerts = alerts.stream().map(CallOutputs::withoutWallClock).toList();
    }

    public static final CallOutputs NONE = new CallOutputs(List.of(), List.of(), List.of(), List.of());

    public static CallOutputs of(EnrichOutputs outputs) {
        return new CallOutputs(outputs.turns(), outputs.enrichedTurns(), outputs.exchanges(), outputs.alerts());
    }

    /** Each call's outputs, in the order they came: outputs of different calls may interleave differently per run. */
    public static Map<String, CallOutputs> byCall(List<SpeakerTurn> turns, List<EnrichedTurn> enrichedTurns,
                                                  List<QaExchange> exchanges, List<Alert> alerts) {
        Map<String, CallOutputs> byCall = new LinkedHashMap<>();
        Stream.of(turns.stream().map(SpeakerTurn::getCallId), enrichedTurns.stream().map(t -> t.getTurn().getCallId()),
                        exchanges.stream().map(QaExchange::getCallId), alerts.stream().map(Alert::getCallId))
                .flatMap(Function.identity()).distinct().forEach(callId -> byCall.put(callId, new CallOutputs(
                        only(turns, t -> t.getCallId().equals(callId)),
                        only(enrichedTurns, t -> t.getTurn().getCallId().equals(callId)),
                        only(exchanges, e -> e.getCallId().equals(callId)),
                        only(alerts, a -> a.getCallId().equals(callId)))));
        return byCall;
    }

    public static Map<String, CallOutputs> byCall(EnrichOutputs outputs) {
        return byCall(outputs.turns(), outputs.enrichedTurns(), outputs.exchanges(), outputs.alerts());
    }

    /** These outputs, then {@code later}'s. */
    public CallOutputs then(CallOutputs later) {
        return new CallOutputs(concat(turns, later.turns), concat(enrichedTurns, later.enrichedTurns),
                concat(exchanges, later.exchanges), concat(alerts, later.alerts));
    }

    /** Only the outputs that say they were known after line {@code seq} at the latest ({@code knownAtSeq}). */
    public CallOutputs knownBy(long seq) {
        return new CallOutputs(only(turns, t -> t.getKnownAtSeq() <= seq),
                only(enrichedTurns, t -> t.getTurn().getKnownAtSeq() <= seq),
                only(exchanges, e -> e.getKnownAtSeq() <= seq), only(alerts, a -> a.getKnownAtSeq() <= seq));
    }

    private static Alert withoutWallClock(Alert alert) {
        return Alert.newBuilder(alert).setEmittedAt(null).build();
    }

    private static <T> List<T> only(List<T> all, Predicate<T> keep) {
        return all.stream().filter(keep).toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
