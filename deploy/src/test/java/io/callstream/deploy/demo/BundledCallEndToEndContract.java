package io.callstream.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.deploy.stack.StackEndpoints;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.publish.Pace;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled Tesla call through ingest, enrich and the JDBC sink on a real broker. Subclasses say which broker:
 * the in-process KRaft broker here, Testcontainers' Kafka where a Docker engine exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BundledCallEndToEndContract {

    // A static @TempDir: instance ones are injected after @BeforeAll, too late for the shared run.
    @TempDir
    static Path dir;

    private DemoSummary summary;
    private List<CallEvent> events;
    private List<String> storedTexts;
    private List<String> storedSections;
    private List<String> storedStatuses;
    private StackEndpoints stack;
    private PrintedRun printed;

    protected abstract StackEndpoints endpoints();

    /** Why this broker cannot run here, or null where it can. */
    protected String unavailableReason() {
        return null;
    }

    @BeforeAll
    void runTheBundledCall() throws Exception {
        if (unavailableReason() != null) {
            return;
        }
        events = TeslaSample.events();
        stack = endpoints();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary = DemoRun.run(stack, DemoRun.Options.of(events, Pace.MAX, dir.resolve("e2e.db"),
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        printed = PrintedRun.of(out.toString(StandardCharsets.UTF_8));
        storedTexts = new ArrayList<>();
        storedSections = new ArrayList<>();
        storedStatuses = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(summary.store());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT text, section, status FROM turns ORDER BY turn_index")) {
            while (rs.next()) {
                storedTexts.add(rs.getString(1));
                storedSections.add(rs.getString(2));
                storedStatuses.add(rs.getString(3));
            }
        }
    }

    @BeforeEach
    void requireBroker() {
        // Skipping per test (not in @BeforeAll) makes every skipped test show up, with the reason, in the report.
        assumeTrue(unavailableReason() == null, unavailableReason());
    }

    @Test
    void assemblesTheCallsOneHundredEightySevenTurns() {
        // ../shared/data/README.md: 171 named headers, 15 Operator lines and the opening text.
        assertThat(summary.turns()).isEqualTo(187);
        assertThat(summary.deadLetters()).isZero();
    }

    @Test
    void storeHoldsEveryFinalTurnTheTopicCarriesOnceAndOnlyFinal() {
        Set<Integer> finalOnTopic = new TreeSet<>();
        for (SpeakerTurn t : TopicContents.readAll(stack, TopicNames.defaults().callTurns(), SpeakerTurn.class)) {
            if (t.getStatus() == Status.FINAL) {
                finalOnTopic.add(t.getTurnIndex());
            }
        }
        assertThat(storedTexts).hasSize(finalOnTopic.size());
        assertThat(storedStatuses).containsOnly(Status.FINAL.name());
        assertThat(finalOnTopic).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, storedTexts.size()).boxed().toList());
    }

    @Test
    void countsEveryCompletedExchangeOnTheQaTopic() {
        long onTopic = TopicContents.readAll(stack, TopicNames.defaults().qa(), QaExchange.class).stream()
                .filter(x -> x.getStatus() == Status.FINAL).map(QaExchange::getExchangeId).distinct().count();
        assertThat(summary.exchanges()).isPositive().isEqualTo(onTopic);
    }

    @Test
    void printsEveryFinalTurnAndEveryCompletedExchangeOnceEvenAtFullSpeed() {
        assertThat(printed.turnIndexes()).doesNotHaveDuplicates().hasSize((int) summary.turns());
        assertThat(printed.exchangeIndexes()).doesNotHaveDuplicates().hasSize((int) summary.exchanges());
    }

    @Test
    void sendsEachAlertOnceUnderExactlyOnceAndSumsThemInTheSummary() {
        List<Alert> onTopic = TopicContents.readAll(stack, TopicNames.defaults().alerts(), Alert.class);
        assertThat(onTopic).extracting(Alert::getAlertId).doesNotHaveDuplicates();
        assertThat(summary.alerts()).extracting(DemoSummary.AlertLine::alertId)
                .containsExactlyInAnyOrderElementsOf(onTopic.stream().map(Alert::getAlertId).toList());
        assertThat(printed.alertCount()).isEqualTo(onTopic.size());
    }

    @Test
    void raisesTheCapitalRaiseAlertAtTheLineWhereTheChiefExecutiveSaysIt() {
        TranscriptLine line = events.stream().map(CallEvent::getPayload)
                .filter(p -> p instanceof TranscriptLine l && l.getText().contains("probably makes sense to raise capital"))
                .map(TranscriptLine.class::cast).findFirst().orElseThrow();

        assertThat(summary.alerts()).filteredOn(a -> a.ruleId().equals("capital-raise-by-executive")).singleElement()
                .satisfies(a -> {
                    assertThat(a.severity()).isEqualTo("HIGH");
                    assertThat(a.knownAtSeq()).isEqualTo(line.getSeq());
                    assertThat(a.excerpt()).contains("probably makes sense to raise capital");
                });
    }

    @Test
    void countsTheFinalTurnsTaggedWithEachTopic() {
        Map<Integer, EnrichedTurn> finals = new TreeMap<>();
        for (EnrichedTurn t : TopicContents.readAll(stack, TopicNames.defaults().enrichedTurns(), EnrichedTurn.class)) {
            if (t.getTurn().getStatus() == Status.FINAL) {
                finals.merge(t.getTurn().getTurnIndex(), t,
                        (a, b) -> a.getTurn().getVersion() >= b.getTurn().getVersion() ? a : b);
            }
        }
        assertThat(finals).hasSize((int) summary.turns());
        Map<String, Long> counted = new TreeMap<>();
        finals.values().forEach(t -> t.getTopics().forEach(tag -> counted.merge(tag.getTopicId(), 1L, Long::sum)));
        assertThat(summary.topics()).isEqualTo(counted).containsKeys("model-3-ramp", "capital-raise");
    }

    @Test
    void eachTurnsTextIsItsParagraphsJoined() {
        assertThat(storedTexts).containsExactlyElementsOf(expectedTurnTexts(events));
    }

    @Test
    void twelveTurnsComeBeforeTheQuestionAndAnswerSection() {
        assertThat(storedSections.indexOf(Section.QUESTIONS_AND_ANSWERS.name())).isEqualTo(12);
        assertThat(storedSections.subList(0, 12)).allMatch(s -> !s.equals(Section.QUESTIONS_AND_ANSWERS.name()));
    }

    @Test
    void everyLineReachedTheBrokerAndIsCounted() {
        long onTopic = TopicContents.readAll(stack, TopicNames.defaults().callEvents(), CallEvent.class).stream()
                .filter(e -> e.getPayload() instanceof TranscriptLine).count();
        assertThat(onTopic).isEqualTo(events.stream().filter(e -> e.getPayload() instanceof TranscriptLine).count());
        assertThat(summary.lines()).isEqualTo(onTopic);
    }

    /** Independent of the topology: consecutive lines by one speaker in one section, joined by single spaces. */
    private static List<String> expectedTurnTexts(List<CallEvent> events) {
        List<String> texts = new ArrayList<>();
        TranscriptLine previous = null;
        for (CallEvent e : events) {
            if (!(e.getPayload() instanceof TranscriptLine line)) {
                continue;
            }
            boolean sameTurn = previous != null && Objects.equals(previous.getSpeakerLabel(), line.getSpeakerLabel())
                    && previous.getSection() == line.getSection();
            if (sameTurn) {
                texts.set(texts.size() - 1, texts.get(texts.size() - 1) + " " + line.getText());
            } else {
                texts.add(line.getText());
            }
            previous = line;
        }
        return texts;
    }
}
