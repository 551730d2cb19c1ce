package io.callstream.backtest.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldSetTest {

    private static final Set<String> KNOWN = Set.of("guidance", "cash-burn");

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("gold.jsonl"), text);
    }

    @Test
    void readsOneLabelledTurnPerLineInOrder() throws IOException {
        GoldSet gold = GoldSet.read(file("""
                {"turnIndex": 0, "speaker": "Operator", "topics": []}
                {"turnIndex": 1, "speaker": "Elon Musk", "topics": ["guidance", "cash-burn"]}
                """), KNOWN);

        assertThat(gold.turns()).hasSize(2);
        assertThat(gold.turns().get(1).topics()).containsExactlyInAnyOrder("guidance", "cash-burn");
    }

    @Test
    void refusesATopicOutsideTheLoadedTaxonomiesNamingTheLine() throws IOException {
        Path f = file("{\"turnIndex\": 0, \"speaker\": \"A\", \"topics\": []}\n"
                + "{\"turnIndex\": 1, \"speaker\": \"B\", \"topics\": [\"weather\"]}\n");

        assertThatThrownBy(() -> GoldSet.read(f, KNOWN)).hasMessageStartingWith(f + ":2: topic \"weather\"");
    }

    @Test
    void refusesTurnsOutOfOrderAndUnknownKeys() throws IOException {
        Path skipped = file("{\"turnIndex\": 1, \"speaker\": \"A\", \"topics\": []}\n");
        assertThatThrownBy(() -> GoldSet.read(skipped, KNOWN)).hasMessageContaining(":1: turnIndex 1 out of order");

        Path typo = file("{\"turnIndex\": 0, \"speaker\": \"A\", \"topic\": []}\n");
        assertThatThrownBy(() -> GoldSet.read(typo, KNOWN)).hasMessageContaining("unknown key 'topic'");
    }

    @Test
    void readsTheTextAndTheEvidenceQuotedForEachTopic() throws IOException {
        GoldSet gold = GoldSet.read(file("""
                {"turnIndex": 0, "speaker": "Jane Roe", "text": "Thanks. We expect cash flow to turn positive.", \
                "topics": ["cash-burn", "guidance"], "evidence": {"guidance": ["We expect cash flow to turn positive."]}}
                """), KNOWN);

        GoldSet.GoldTurn turn = gold.turns().get(0);
        assertThat(turn.textSha256()).isEqualTo(GoldSet.sha256("Thanks. We expect cash flow to turn positive."));
        assertThat(turn.evidence()).containsOnlyKeys("guidance");
        assertThat(turn.evidence().get("guidance")).containsExactly(new GoldSet.Span(8, 45));
    }

    @Test
    void readsATurnNamedByTheHashOfItsTextWithEvidenceAsOffsets() throws IOException {
        GoldSet gold = GoldSet.read(file("""
                {"turnIndex": 0, "speaker": "Jane Roe", "textSha256": "00ff", "topics": ["guidance"], \
                "evidence": {"guidance": [[8, 45]]}}
                """), KNOWN);

        assertThat(gold.turns().get(0).textSha256()).isEqualTo("00ff");
        assertThat(gold.turns().get(0).evidence().get("guidance")).containsExactly(new GoldSet.Span(8, 45));
        Path quoteWithoutText = file("{\"turnIndex\": 0, \"speaker\": \"A\", \"topics\": [\"guidance\"], "
                + "\"evidence\": {\"guidance\": [\"We expect growth.\"]}}\n");
        assertThatThrownBy(() -> GoldSet.read(quoteWithoutText, KNOWN)).hasMessageContaining("give \"text\"");
        Path backwards = file("{\"turnIndex\": 0, \"speaker\": \"A\", \"topics\": [\"guidance\"], "
                + "\"evidence\": {\"guidance\": [[9, 3]]}}\n");
        assertThatThrownBy(() -> GoldSet.read(backwards, KNOWN)).hasMessageContaining("neither a quote");
    }

    @Test
    void refusesEvidenceNotQuotedFromTheTextOrForATopicTheTurnLacks() throws IOException {
        Path paraphrased = file("{\"turnIndex\": 0, \"speaker\": \"A\", \"text\": \"We expect growth.\", "
                + "\"topics\": [\"guidance\"], \"evidence\": {\"guidance\": [\"we expect growth\"]}}\n");
        assertThatThrownBy(() -> GoldSet.read(paraphrased, KNOWN))
                .hasMessageContaining(":1: evidence for 'guidance' quotes \"we expect growth\", which is not in the");

        Path unlabelled = file("{\"turnIndex\": 0, \"speaker\": \"A\", \"text\": \"We expect growth.\", "
                + "\"topics\": [], \"evidence\": {\"guidance\": [\"We expect growth.\"]}}\n");
        assertThatThrownBy(() -> GoldSet.read(unlabelled, KNOWN))
                .hasMessageContaining("evidence for 'guidance', which is not among the turn's topics");
    }
}
