package io.callstream.deploy.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.deploy.demo.DemoRun;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.ShortCall;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.ingest.publish.Pace;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same call through the whole pipeline on a real broker, twice as fast as possible and once at its own pace,
 * gives the same turns and exchanges, record for record: output depends on the records, never on when they came.
 */
@Tag("integration")
class ReplayDeterminismTest {

    @TempDir
    Path dir;

    private record Output(List<SpeakerTurn> turns, List<QaExchange> exchanges) {
    }

    private Output run(Pace pace, String name) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            DemoRun.run(stack.endpoints(), DemoRun.Options.of(ShortCall.events("determinism"), pace,
                    dir.resolve(name + ".db"), null));
            return new Output(
                    TopicContents.readAll(stack.endpoints(), TopicNames.defaults().callTurns(), SpeakerTurn.class),
                    TopicContents.readAll(stack.endpoints(), TopicNames.defaults().qa(), QaExchange.class));
        }
    }

    @Test
    void replayingAtAnyPaceGivesTheSameTurnsAndExchanges() throws Exception {
        Output first = run(Pace.MAX, "first");
        Output second = run(Pace.MAX, "second");
        Output ownPace = run(Pace.parse("1"), "own-pace");

        assertThat(first.turns()).isNotEmpty();
        assertThat(first.exchanges()).isNotEmpty();
        assertThat(second).isEqualTo(first);
        assertThat(ownPace).isEqualTo(first);
    }
}
