package io.callstream.enrich.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.callstream.avro.NumberKind;
import io.callstream.avro.NumberMention;
import io.callstream.avro.Span;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The extractor and the forward-looking cue over every turn of real calls: they never throw, every span indexes
 * its turn's text exactly, and mentions come in text order without overlapping.
 */
class NumbersOnRealCallsTest {

    private final NumberExtractor extractor = new NumberExtractor();

    @Test
    void readsEveryTurnOfTheBundledTeslaCall() {
        List<String> turns = TranscriptTurns.tesla();
        assertThat(turns).hasSizeGreaterThan(150);
        int mentions = 0;
        for (String turn : turns) {
            mentions += checkTurn(turn);
        }
        assertThat(mentions).isGreaterThan(150);
        String all = String.join("\n", turns);
        assertThat(extractor.find(all)).extracting(NumberMention::getNormalized)
                .contains("USD 2.0E9..2.5E9", "USD 0.5", "5000.0 units/week", "this-year-end", "70.0 GWh",
                        "1000000.0 units/year", "Q4", "H1");
        assertThat(turns.stream().filter(ForwardLooking::isForwardLooking).count()).isBetween(5L, 40L);
    }

    @TestFactory
    Stream<DynamicTest> readsEveryTurnOfTheSharedEarningsCalls() {
        List<Path> calls = TranscriptTurns.sharedCalls();
        if (calls.isEmpty()) {
            Path data = TranscriptTurns.sharedDataDir();
            return Stream.of(DynamicTest.dynamicTest("shared data", () -> assumeTrue(false,
                    "skipped: no Earnings-21/22 transcripts under " + data + "/{earnings21,earnings22}; set"
                            + " -Dcallstream.shared.dir to the shared folder to run")));
        }
        return calls.stream().map(call -> DynamicTest.dynamicTest(call.getFileName().toString(), () -> {
            List<String> turns = TranscriptTurns.turns(call);
            assertThat(turns).isNotEmpty();
            turns.forEach(this::checkTurn);
        }));
    }

    /** Checks one turn and returns how many mentions it has. */
    private int checkTurn(String turn) {
        List<NumberMention> found = extractor.find(turn);
        int previousEnd = 0;
        for (NumberMention m : found) {
            Span span = m.getSpan();
            assertThat(span.getStart()).as("start of %s in %s", span.getText(), turn)
                    .isGreaterThanOrEqualTo(previousEnd);
            assertThat(span.getEnd()).isGreaterThan(span.getStart()).isLessThanOrEqualTo(turn.length());
            assertThat(turn.substring(span.getStart(), span.getEnd())).isEqualTo(span.getText());
            assertThat(m.getNormalized()).isNotBlank();
            if (m.getKind() != NumberKind.PERIOD) {
                assertThat(m.getValue()).as("value of %s", span.getText()).isNotNull().isFinite();
            }
            previousEnd = span.getEnd();
        }
        Optional<Span> cue = ForwardLooking.find(turn);
        cue.ifPresent(s -> assertThat(turn.substring(s.getStart(), s.getEnd())).isEqualTo(s.getText()));
        return found.size();
    }
}
