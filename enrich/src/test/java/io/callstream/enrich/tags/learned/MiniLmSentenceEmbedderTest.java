package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

/**
 * The embedder's own one-thread session gives, sentence for sentence, the unit vectors of the model as langchain4j
 * loads it (its default session, a thread per core): the learned tier and the shipped topic model were made with those.
 */
class MiniLmSentenceEmbedderTest {

    @Test
    void embedsAsTheLibrarysModelDoes() {
        AllMiniLmL6V2QuantizedEmbeddingModel library = new AllMiniLmL6V2QuantizedEmbeddingModel();
        MiniLmSentenceEmbedder embedder = MiniLmSentenceEmbedder.uncached();
        for (String sentence : List.of("Revenue grew 12% in the quarter.",
                "We expect Model 3 production to ramp through the second half of the year.",
                "Thank you, operator. Our next question comes from the line of Adam Jonas with Morgan Stanley.",
                "Cash burn", "Q4")) {
            float[] expected = Vectors.unit(library.embed(sentence).content().vector());
            float[] actual = embedder.embed(sentence);
            assertThat(actual).as(sentence).hasSize(384);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("%s, dimension %d", sentence, i).isCloseTo(expected[i], within(1e-6f));
            }
        }
    }
}
