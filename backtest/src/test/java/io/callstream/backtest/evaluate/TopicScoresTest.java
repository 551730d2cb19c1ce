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
    void poolsCallsByTheirCountsNotByAveragingTheirScores() {
        // A short call tagged perfectly and a long one tagged badly: pooled, the long call weighs as its turns do.
        TopicScores small = TopicScores.of(List.of(Set.of("a")), List.of(Set.of("a")), Set.of("a", "b"));
        TopicScores large = TopicScores.of(List.of(Set.of("a"), Set.of("a"), Set.of("b"), Set.of()),
                List.of(Set.of("b"), Set.of("a"), Set.of("a"), Set.of("b")), Set.of("a", "b"));

        TopicScores pooled = TopicScores.pooled(List.of(small, large));

        // a: tp 1 + 1, fp 0 + 1, fn 0 + 1; b: tp 0, fp 1, fn 2; micro: tp 2, fp 2, fn 3
        assertThat(pooled.byTopic().get("a")).isEqualTo(new TopicScores.Counts(2, 1, 1));
        assertThat(pooled.byTopic().get("b")).isEqualTo(new TopicScores.Counts(0, 1, 2));
        assertThat(pooled.micro()).isEqualTo(new TopicScores.Counts(2, 2, 3));
        assertThat(pooled.micro().f1()).isCloseTo(4.0 / 9, within(1e-9));
        assertThat(TopicScores.pooled(List.of()).micro()).isEqualTo(new TopicScores.Counts(0, 0, 0));
    }

    @Test
    void refusesAGoldSetOfAnotherLength() {
        assertThatThrownBy(() -> TopicScores.of(List.of(Set.of()), List.of(), Set.of("a")))
                .hasMessageContaining("1 FINAL turns but the gold file labels 0");
    }
}
