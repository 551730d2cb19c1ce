package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Section;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.avro.state.TurnLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a line costs the call's state: the open turn's metadata and the line itself, not the whole turn again, so the
 * state a line rewrites stays the same size however long the turn grows; a short turn's lines stay in the state; and
 * the lines leave with the turn.
 */
class OpenTurnStateTest {

    @RegisterExtension
    static final EnrichDrivers DRIVERS = new EnrichDrivers();

    private static final String SENTENCE = "We expect Model 3 production to reach 5,000 units a week by the end of"
            + " the year, and we are confident in the ramp because the lines are now in place at Fremont. ";

    private final TestCallEvents call = new TestCallEvents("c1");
    private EnrichDriver driver;

    @BeforeEach
    void startDriver() {
        driver = DRIVERS.open(Map.of());
    }

    @Test
    void theStateALineRewritesDoesNotGrowWithTheOpenTurn() throws IOException {
        driver.pipe(call.started("Tesla, Inc."));
        List<Integer> stateBytes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            driver.pipe(call.line("Elon Musk", "Tesla", Section.PREPARED_REMARKS, i + ". " + SENTENCE));
            stateBytes.add(driver.assemblyStore().get("c1").toByteBuffer().remaining());
        }

        List<SpeakerTurn> turns = driver.turns();
        assertThat(turns).hasSize(100);
        assertThat(turns.get(99).getText()).startsWith("0. " + SENTENCE.strip()).endsWith("99. " + SENTENCE.strip())
                .hasSizeGreaterThan(100 * SENTENCE.length() - 100);
        // The first few lines stay in the state (a short turn's lines do); from then on seqs and ids take a digit
        // more here and there, where the text of 100 lines would be 16 KB.
        assertThat(stateBytes.get(99) - stateBytes.get(10)).as("state bytes per line, %s", stateBytes)
                .isLessThan(32);
        assertThat(stateBytes.get(99)).isLessThan(1_024);
        TurnAssemblyState state = driver.assemblyStore().get("c1");
        assertThat(state.getOpenTurn().getTurn().getText()).isEmpty();
        assertThat(state.getOpenTurn().getLines()).isEmpty();
        assertThat(driver.openTurnLines("c1")).hasSize(100).first().isEqualTo("0. " + SENTENCE);
    }

    @Test
    void aShortTurnKeepsItsLinesInTheStateAndALongOnesLinesLeaveWithIt() {
        driver.pipe(call.started("Tesla, Inc."));
        for (int i = 0; i < 8; i++) {
            driver.pipe(call.line("Elon Musk", "Tesla", Section.PREPARED_REMARKS, i + ". " + SENTENCE));
        }
        assertThat(driver.openTurnLines("c1")).hasSize(8);

        driver.pipe(call.line("Deepak Ahuja", "Tesla", Section.PREPARED_REMARKS, "Thank you, Elon."));

        assertThat(driver.openTurnLines("c1")).as("the closed turn's lines are gone").isEmpty();
        assertThat(driver.assemblyStore().get("c1").getOpenTurn().getLines()).extracting(TurnLine::getText)
                .containsExactly("Thank you, Elon.");
        assertThat(driver.closedTurns("c1")).singleElement()
                .satisfies(t -> assertThat(t.getTurn().getText()).startsWith("0. ").endsWith(SENTENCE.strip()));

        driver.pipe(call.ended());

        assertThat(driver.openTurnLines("c1")).isEmpty();
        assertThat(EnrichDriver.finals(driver.turns())).extracting(SpeakerTurn::getText).last()
                .isEqualTo("Thank you, Elon.");
    }
}
