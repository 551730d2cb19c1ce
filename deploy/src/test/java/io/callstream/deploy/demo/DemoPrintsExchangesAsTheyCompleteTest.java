package io.callstream.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.publish.Pace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo prints each question-answer exchange while the call goes on, not in a block once it is over. */
@Tag("integration")
class DemoPrintsExchangesAsTheyCompleteTest {

    /**
     * The 72-minute call in about 4.4 s: its first exchange completes some 3 s of replay before its last turn, many
     * times enrich's 100 ms commit interval and the readers' 100 ms polls. At full speed the whole call may land in
     * a few transactions, and the sink may print every turn before the exchange feed's next poll.
     */
    private static final Pace PACE = Pace.parse("1000");

    @TempDir
    Path dir;

    @Test
    void printsTheFirstExchangeBeforeTheCallsLastTurn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoSummary summary;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            summary = DemoRun.run(stack.endpoints(), DemoRun.Options.of(TeslaSample.events(), PACE,
                    dir.resolve("live.db"), new PrintStream(out, true, StandardCharsets.UTF_8)));
        }
        PrintedRun printed = PrintedRun.of(out.toString(StandardCharsets.UTF_8));

        assertThat(summary.exchanges()).isPositive();
        assertThat(printed.exchangeIndexes()).doesNotHaveDuplicates().hasSize((int) summary.exchanges());
        assertThat(printed.firstExchangeLine()).as("the first exchange's line, in:%n%s", String.join("\n", printed.lines()))
                .isNotNegative().isLessThan(printed.lastTurnLine());
    }
}
