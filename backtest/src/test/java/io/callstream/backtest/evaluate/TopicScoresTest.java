package io.callstream.backtest.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TopicScoresTest {

    @Test
    void scoresEachTopicAndMicroAveragesOverAllDecisions() {
        List<Set<String>> predicted = List.of(Set.of("a"), Set.of("a", "b"), Set.of(), Set.of("b"));
        List<Set<String>> gold = List.of(Set.of("a"), Set.of("a"), Set.of("b"), Set.of("b"));

        TopicScores scores = TopicScores.of(predicted, gold, Set.of("a", "b", "c"));

        assertThat(scores.byTopic()).containsOnlyKeys("a", "b");
        assertThat(scores.byTopic().get("a").precision()).isEqualTo(1.0);
        assertThat(scores.byTopic().get("b").precision()).isEqualTo(0.5);
        assertThat(scores.byTopic().get("b").recall()).isEqualTo(0.5);
        // micro: tp 3, fp 1, fn 1
        assertThat(scores.micro().f1()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void refusesAGoldSetOfAnotherLength() {
        assertThatThrownBy(() -> TopicScores.of(List.of(Set.of()), List.of(), Set.of("a")))
                .hasMessageContaining("1 FINAL turns but the gold file labels 0");
    }
}
