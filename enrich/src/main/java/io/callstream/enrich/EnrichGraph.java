package io.callstream.enrich;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.callstream.avro.CallEvent;
import io.callstream.avro.QaExchange;
import io.callstream.avro.state.AlertCallState;
import io.callstream.avro.state.OpenTurnLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.avro.state.TurnLines;
import io.callstream.enrich.alerts.RaiseAlerts;
import io.callstream.enrich.qa.QaCorrections;
import io.callstream.enrich.qa.QaPairing;
import io.callstream.enrich.tags.TagTurns;
import io.callstream.enrich.turns.TurnAssembler;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.Topic;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;

/**
 * The enrich stage's processors, stores and output topics, and how they are wired, as plain data: the one
 * description both runtimes are built from. {@link EnrichTopology} turns it into a Kafka Streams topology (the live
 * path, and the TopologyTestDriver that proves it); {@link io.callstream.enrich.replay.InMemoryEnrich} runs the same
 * processor classes over the same wiring in this process, on plain in-memory state, for backtests. Keeping the
 * wiring in one place is what lets the second claim the first's outputs.
 *
 * <p>The steps are in the order the topology adds them, which its pinned description reflects.
 */
public final class EnrichGraph {

    /** The one source: call events. */
    public static final String SOURCE = "read-call-events";

    /** A step of the wiring. */
    public sealed interface Step permits Node, Store, Sink, Connect {
    }

    /** A processor and the nodes it reads from. */
    public record Node(String name, Supplier<Processor<?, ?, ?, ?>> supplier, List<String> parents) implements Step {
        public Node {
            parents = List.copyOf(parents);
        }
    }

    /**
     * A key-value store (String keys, persistent on the live path) holding {@code valueType}, used by
     * {@code processors}.
     */
    public record Store(String name, Class<?> valueType, List<String> processors) implements Step {
        public Store {
            processors = List.copyOf(processors);
        }
    }

    /** An output topic written by {@code parents}. */
    public record Sink(String name, Output output, List<String> parents) implements Step {
        public Sink {
            parents = List.copyOf(parents);
        }
    }

    /** Gives a processor access to stores another step created. */
    public record Connect(String processor, List<String> stores) implements Step {
        public Connect {
            stores = List.copyOf(stores);
        }
    }

    /** The output topics, each picked from the configured {@link CallTopics}. */
    public enum Output {
        TURNS(CallTopics::callTurns),
        DEAD_LETTERS(CallTopics::deadLetters),
        QA(CallTopics::qa),
        ENRICHED_TURNS(CallTopics::enrichedTurns),
        ALERTS(CallTopics::alerts);

        private final Function<CallTopics, Topic<String, ?>> topic;

        Output(Function<CallTopics, Topic<String, ?>> topic) {
            this.topic = topic;
        }

        public Topic<String, ?> of(CallTopics topics) {
            return topic.apply(topics);
        }
    }

    private final List<Step> steps;

    private EnrichGraph(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    /**
     * The wiring, with a serializer for the assembler's dead letters (which carry the refused event's bytes), one
     * per assembler.
     */
    public static EnrichGraph of(EnrichOptions options, Supplier<Serializer<CallEvent>> eventSerializers) {
        String assemble = "assemble-turns";
        return new EnrichGraph(List.of(
                new Node(assemble, () -> new TurnAssembler(EnrichTopology.TURN_ASSEMBLY_STORE, options.bounds(),
                        eventSerializers.get(), new TurnAssembler.Followers(QaPairing.NAME, QaCorrections.NAME, TagTurns.NAME)),
                        List.of(SOURCE)),
                new Store(EnrichTopology.TURN_ASSEMBLY_STORE, TurnAssemblyState.class, List.of(assemble)),
                new Store(EnrichTopology.CLOSED_TURNS_STORE, TurnLines.class, List.of(assemble)),
                new Store(EnrichTopology.OPEN_TURN_LINES_STORE, OpenTurnLine.class, List.of(assemble)),
                new Sink(TurnAssembler.TURNS, Output.TURNS, List.of(assemble)),
                new Sink(TurnAssembler.DEAD_LETTERS, Output.DEAD_LETTERS, List.of(assemble)),
                // Pairing follows the assembler in the same task rather than reading call-turns back: it then sees
                // each closed turn once, in order, and the call's end after its last turn, with no repartition.
                new Node(QaPairing.NAME, () -> new QaPairing(), List.of(assemble)),
                new Node(QaCorrections.NAME, () -> new QaCorrections(), List.of(assemble)),
                // The stores hold exchanges, so the QA topic's serde serves their changelogs too. Both processors
                // use both: a correction re-issues an exchange that pairing may still be growing.
                new Store(EnrichTopology.QA_PAIRING_STORE, QaExchange.class, List.of(QaPairing.NAME, QaCorrections.NAME)),
                new Store(EnrichTopology.QA_EXCHANGES_STORE, QaExchange.class,
                        List.of(QaPairing.NAME, QaCorrections.NAME)),
                new Sink(QaPairing.QA, Output.QA, List.of(QaPairing.NAME, QaCorrections.NAME)),
                // Tagging reads every snapshot in the same task, so tags and alerts follow each line without a hop;
                // it only reads the assembler's store (the call's ticker) and the exchanges (a FINAL turn's).
                new Node(TagTurns.NAME, () -> new TagTurns(options.taxonomies(), options.learned(),
                        EnrichTopology.TURN_ASSEMBLY_STORE, RaiseAlerts.NAME), List.of(assemble)),
                new Connect(TagTurns.NAME, List.of(EnrichTopology.TURN_ASSEMBLY_STORE, EnrichTopology.QA_PAIRING_STORE,
                        EnrichTopology.QA_EXCHANGES_STORE)),
                new Sink(TagTurns.ENRICHED, Output.ENRICHED_TURNS, List.of(TagTurns.NAME)),
                new Node(RaiseAlerts.NAME, () -> new RaiseAlerts(options.rules(), options.clock()),
                        List.of(TagTurns.NAME)),
                new Store(EnrichTopology.ALERT_STATE_STORE, AlertCallState.class, List.of(RaiseAlerts.NAME)),
                new Sink(RaiseAlerts.ALERTS, Output.ALERTS, List.of(RaiseAlerts.NAME))));
    }
}
