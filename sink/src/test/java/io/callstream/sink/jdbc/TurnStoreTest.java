package io.callstream.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnStoreTest {

    @TempDir
    Path dir;

    private static final TopicPartition TURNS_0 = new TopicPartition("call-turns", 0);

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("store.db");
    }

    private static SpeakerTurn turn(int version, Status status, String text) {
        Instant at = Instant.parse("2017-02-22T22:31:00Z");
        return SpeakerTurn.newBuilder().setCallId("call-1").setTurnIndex(0).setVersion(version).setStatus(status)
                .setSpeaker(Speaker.newBuilder().setLabel("Operator").setRole(Role.OPERATOR).build())
                .setSection(Section.QUESTIONS_AND_ANSWERS).setText(text).setLineCount(version + 1)
                .setFirstLineId("L0").setLastLineId("L" + version).setFirstSeq(0).setLastSeq(version)
                .setStartOffsetMs(0).setEndOffsetMs(1000L * version).setFirstObservedAt(at).setLastObservedAt(at)
                .setMissingSeqs(List.of()).build();
    }

    private String storedText() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT text, status, COUNT(*) OVER () FROM turns")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(3)).isEqualTo(1);
            return rs.getString(2) + ":" + rs.getString(1);
        }
    }

    @Test
    void finalVersionReplacesPartialSnapshots() throws Exception {
        try (TurnStore store = TurnStore.open(url())) {
            store.write(List.of(turn(0, Status.PARTIAL, "Our"), turn(1, Status.FINAL, "Our next question")),
                    "sink", Map.of(TURNS_0, 2L));
        }
        assertThat(storedText()).isEqualTo("FINAL:Our next question");
    }

    @Test
    void replayingAnOlderVersionChangesNothing() throws Exception {
        try (TurnStore store = TurnStore.open(url())) {
            store.write(List.of(turn(1, Status.FINAL, "Our next question")), "sink", Map.of(TURNS_0, 2L));
            store.write(List.of(turn(0, Status.PARTIAL, "Our")), "sink", Map.of(TURNS_0, 1L));
        }
        assertThat(storedText()).isEqualTo("FINAL:Our next question");
    }

    @Test
    void offsetsCommitWithTheRowsAndSurviveReopening() throws Exception {
        try (TurnStore store = TurnStore.open(url())) {
            store.write(List.of(turn(0, Status.PARTIAL, "Our")), "sink", Map.of(TURNS_0, 7L));
        }
        try (TurnStore reopened = TurnStore.open(url())) {
            assertThat(reopened.offsets("sink")).containsExactlyEntriesOf(Map.of(TURNS_0, 7L));
            assertThat(reopened.offsets("another-sink")).isEmpty();
        }
    }
}
