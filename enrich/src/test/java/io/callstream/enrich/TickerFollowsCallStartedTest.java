package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Section;
import io.callstream.avro.TopicTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tagging uses the call's ticker as the assembler's state holds it at each snapshot (it picks the watchlists): the
 * tagger keeps it in memory from the CallStarted events the assembler passes on, so a CallStarted that changes the
 * ticker mid-call changes the watchlists from the next snapshot, and one that comes before any line counts too.
 */
class TickerFollowsCallStartedTest {

    @RegisterExtension
    static final EnrichDrivers DRIVERS = new EnrichDrivers();

    private static final String LINE = "The Model 3 ramp is on track for July, and Model 3 production starts then.";

    private final TestCallEvents call = new TestCallEvents("call-t");

    @Test
    void watchlistTopicsFollowTheTickerOfTheLatestCallStarted() {
        EnrichDriver driver = DRIVERS.open(Map.of());
        driver.pipe(started("Other Corp", "OTHR"), line(LINE));
        assertThat(taxonomies(driver.enrichedTurns())).as("another ticker: the general taxonomy only")
                .containsOnly("general");

        driver.pipe(started("Tesla, Inc.", "TSLA"), line(LINE));
        assertThat(taxonomies(driver.enrichedTurns())).as("TSLA from the next snapshot on").contains("tsla");

        driver.pipe(started("Other Corp", null), line(LINE));
        assertThat(taxonomies(driver.enrichedTurns())).as("no ticker again, and no watchlist names the company")
                .containsOnly("general");

        driver.pipe(started("Tesla, Inc.", null), line(LINE));
        assertThat(taxonomies(driver.enrichedTurns())).as("no ticker, but the watchlist names the company")
                .contains("tsla");
    }

    @Test
    void aCallWithoutCallStartedGetsNoWatchlist() {
        EnrichDriver driver = DRIVERS.open(Map.of());
        driver.pipe(line(LINE));
        assertThat(taxonomies(driver.enrichedTurns())).containsOnly("general");
    }

    private CallEvent started(String company, String ticker) {
        CallEvent started = call.started(company);
        return CallEvent.newBuilder(started).setPayload(CallStarted.newBuilder((CallStarted) started.getPayload())
                .setTicker(ticker).build()).build();
    }

    private CallEvent line(String text) {
        return call.line("Elon Reeve Musk", "Tesla, Inc.", Section.QUESTIONS_AND_ANSWERS, text);
    }

    private static List<String> taxonomies(List<EnrichedTurn> snapshots) {
        assertThat(snapshots).isNotEmpty();
        return snapshots.get(snapshots.size() - 1).getTopics().stream().map(TopicTag::getTaxonomyId).distinct()
                .toList();
    }
}
