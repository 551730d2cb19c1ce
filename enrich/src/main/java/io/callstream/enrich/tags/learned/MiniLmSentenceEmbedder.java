package io.callstream.enrich.tags.learned;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2, quantized (384 dimensions), run by ONNX Runtime from inside its jar: nothing is downloaded.
 * About 225 sentences a second one by one on two cores. Thread-safe: the ONNX session serves concurrent calls.
 *
 * <p>One per process ({@link #shared()}): loading the model costs a second and some 90 MB, and an embedding is a
 * function of the sentence alone, so the embeddings of the last {@value #CACHED} sentences are kept for every user
 * of the process (a backtest's ten copies of a call, each test's run of the bundled call). The cache saves time only.
 */
public final class MiniLmSentenceEmbedder implements SentenceEmbedder {

    public static final String ID = "all-minilm-l6-v2-q/1.19.0-beta29";
    private static final int CACHED = 20_000;

    /** Loaded on first use, by the class loader's lock: once per process. */
    private static final class Shared {
        private static final MiniLmSentenceEmbedder INSTANCE = new MiniLmSentenceEmbedder();
    }

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private final int cached;
    private final Map<String, float[]> embedded = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > cached;
        }
    };

    private MiniLmSentenceEmbedder(int cached) {
        this.cached = cached;
    }

    private MiniLmSentenceEmbedder() {
        this(CACHED);
    }

    /** The process's embedder. */
    public static MiniLmSentenceEmbedder shared() {
        return Shared.INSTANCE;
    }

    /** An embedder of its own that keeps nothing: every call runs the model, as a benchmark of its cost needs. */
    public static MiniLmSentenceEmbedder uncached() {
        return new MiniLmSentenceEmbedder(0);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public float[] embed(String sentence) {
        synchronized (embedded) {
            float[] cached = embedded.get(sentence);
            if (cached != null) {
                return cached;
            }
        }
        float[] vector = Vectors.unit(model.embed(sentence).content().vector());
        synchronized (embedded) {
            embedded.put(sentence, vector);
        }
        return vector;
    }
}
