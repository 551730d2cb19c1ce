package io.callstream.schemas.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LatestVersionsTest {

    private record Turn(int index, int version, String text) {
    }

    @Test
    void keepsTheHighestVersionOfEachKeyWhateverOrderTheyArriveIn() {
        LatestVersions<Integer, Turn> turns = LatestVersions.inArrivalOrder(Turn::version);

        assertThat(turns.offer(3, new Turn(3, 2, "b"))).isTrue();
        assertThat(turns.offer(1, new Turn(1, 1, "x"))).isTrue();
        assertThat(turns.offer(3, new Turn(3, 1, "a"))).as("an older version read later is stale").isFalse();
        assertThat(turns.offer(3, new Turn(3, 3, "c"))).isTrue();

        assertThat(turns.get(3).text()).isEqualTo("c");
        assertThat(turns.values()).extracting(Turn::index).containsExactly(3, 1);
        assertThat(turns.size()).isEqualTo(2);
    }

    @Test
    void theSameVersionAgainChangesNothing() {
        LatestVersions<Integer, Turn> turns = LatestVersions.inArrivalOrder(Turn::version);
        Turn first = new Turn(1, 4, "held");

        turns.offer(1, first);

        assertThat(turns.offer(1, new Turn(1, 4, "redelivered"))).isFalse();
        assertThat(turns.get(1)).isSameAs(first);
    }

    @Test
    void aStoresFoldHoldsTheLastOfEqualVersionsAsItsUpsertsDo() {
        LatestVersions<Integer, Turn> turns = LatestVersions.inArrivalOrderLastOfEqualVersions(Turn::version);
        turns.offer(1, new Turn(1, 4, "first"));

        assertThat(turns.offer(1, new Turn(1, 4, "again"))).isTrue();
        assertThat(turns.offer(1, new Turn(1, 3, "older"))).isFalse();
        assertThat(turns.get(1).text()).isEqualTo("again");
    }

    @Test
    void inKeyOrderListsByKey() {
        LatestVersions<Integer, Turn> turns = LatestVersions.inKeyOrder(Turn::version);
        turns.offer(7, new Turn(7, 1, "g"));
        turns.offer(2, new Turn(2, 1, "b"));

        assertThat(turns.asMap().keySet()).containsExactly(2, 7);
    }

    @Test
    void concurrentOffersKeepTheHighestAndReportEachTakeOnce() throws Exception {
        LatestVersions<Integer, Turn> turns = LatestVersions.concurrent(Turn::version);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> taken = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            taken.add(pool.submit(() -> {
                int n = 0;
                for (int v = 1; v <= 1000; v++) {
                    n += turns.offer(1, new Turn(1, v, "v" + v)) ? 1 : 0;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : taken) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(turns.get(1).version()).isEqualTo(1000);
        assertThat(total).as("each version is taken at most once").isBetween(1, 1000);
    }
}
