package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Status;
import io.callstream.ingest.TeslaSample;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled Tesla Q4 2016 call through the whole topology: one exchange per analyst the operator introduces. */
class TeslaQaPairingTest {

    // Deliberately simpler than OperatorCue, and applied to the raw file, so the expectation is independent of it.
    private static final Pattern INTRO = Pattern.compile(
            "question (?:comes|is) from the line of (.+?) with (.+?)\\. Your line is now open\\.");

    record Expected(String name, String firm) {
    }

    private static List<Expected> introducedInTheFile() {
        List<Expected> expected = new ArrayList<>();
        String previous = "";
        for (String line : TeslaSample.text().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = INTRO.matcher(line);
            if (previous.equals("Operator") && m.find()) {
                expected.add(new Expected(m.group(1), m.group(2)));
            }
            previous = line.strip();
        }
        return expected;
    }

    @Test
    void everyAnalystTheOperatorIntroducesYieldsExactlyOneFinalExchangeWithTheRightFirm(@TempDir Path stateDir) {
        List<Expected> expected = introducedInTheFile();
        assertThat(expected).hasSize(14).first().isEqualTo(new Expected("Adam Jonas", "Morgan Stanley"));

        List<QaExchange> finals;
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start();
             EnrichDriver driver = new EnrichDriver(registry.url(), stateDir, Map.of())) {
            driver.pipe(TeslaSample.events());
            finals = driver.exchanges().stream().filter(e -> e.getStatus() == Status.FINAL).toList();
        }

        assertThat(finals).extracting(e -> e.getAnalyst().getAffiliation())
                .containsExactlyElementsOf(expected.stream().map(Expected::firm).toList());
        assertThat(finals).extracting(QaExchange::getExchangeIndex)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, expected.size()).boxed().toList());
        assertThat(finals.get(0).getAnalyst().getName()).isEqualTo("Adam Jonas");
        assertThat(finals.get(0).getAnalyst().getLabel()).isEqualTo("Adam Michael Jonas");
        // Each exchange was asked by the analyst introduced, save Bank of America's, where Aileen Smith asked.
        for (int i = 0; i < finals.size(); i++) {
            String expectedName = expected.get(i).name().equals("John Murphy") ? "Aileen Elizabeth Smith"
                    : expected.get(i).name();
            assertThat(finals.get(i).getAnalyst().getName()).as("exchange %d", i).isEqualTo(expectedName);
            assertThat(finals.get(i).getQuestionTurns()).as("exchange %d", i).isNotEmpty();
            assertThat(finals.get(i).getAnswerTurns()).as("exchange %d", i).isNotEmpty();
        }
        assertThat(finals).filteredOn(QaExchange::getDeclined).isNotEmpty();
    }

    /**
     * Tagging reads the pairing's stores for a FINAL turn's exchange, right only because the assembler forwards a
     * turn to the pairing first ({@code TurnAssembler.Followers}): every FINAL turn names the exchange whose question
     * or answer it is, and a turn in none (the operator's, the prepared remarks) names none.
     */
    @Test
    void everyFinalTurnNamesTheExchangeThatHoldsIt(@TempDir Path stateDir) {
        List<QaExchange> exchanges;
        List<EnrichedTurn> enriched;
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start();
             EnrichDriver driver = new EnrichDriver(registry.url(), stateDir, Map.of())) {
            driver.pipe(TeslaSample.events());
            exchanges = driver.exchanges();
            enriched = driver.enrichedTurns();
        }
        Map<String, QaExchange> latest = new LinkedHashMap<>();
        exchanges.forEach(e -> latest.put(e.getExchangeId(), e));
        Map<Integer, String> holder = new HashMap<>();
        for (QaExchange e : latest.values()) {
            e.getQuestionTurns().forEach(t -> holder.put(t, e.getExchangeId()));
            e.getAnswerTurns().forEach(t -> holder.put(t, e.getExchangeId()));
        }
        Map<Integer, EnrichedTurn> finals = new LinkedHashMap<>();
        enriched.stream().filter(t -> t.getTurn().getStatus() == Status.FINAL)
                .forEach(t -> finals.put(t.getTurn().getTurnIndex(), t));
        assertThat(holder).as("turns in an exchange").hasSizeGreaterThan(28);
        assertThat(finals).hasSize(187);
        finals.forEach((index, turn) -> assertThat(turn.getExchangeId()).as("turn %d", index)
                .isEqualTo(holder.get(index)));
        assertThat(enriched).filteredOn(t -> t.getTurn().getStatus() == Status.PARTIAL)
                .allSatisfy(t -> assertThat(t.getExchangeId()).isNull());
    }
}
