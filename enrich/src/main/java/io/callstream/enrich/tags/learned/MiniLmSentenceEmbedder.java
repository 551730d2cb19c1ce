package io.callstream.enrich.tags.learned;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2, quantized (384 dimensions), run by ONNX Runtime from inside its jar: nothing is downloaded.
 * About 250 sentences a second on one core. Thread-safe: the ONNX session serves concurrent calls, each on its
 * caller's thread.
 *
 * <p>The session runs each sentence on one thread. ONNX Runtime's default, a pool of one thread per core that spins
 * while it waits, took 8.7 ms of CPU per sentence in 4.5 ms (two cores); one thread took 3.9 ms of CPU in 3.5 ms, the
 * same vectors (a sentence is too short to share out). Enrich's stream threads and a backtest's workers embed side by
 * side, so the cores are used all the same.
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
        float[] vector = Vectors.unit(OneThreadModel.INSTANCE.embed(sentence).content().vector());
        synchronized (embedded) {
            embedded.put(sentence, vector);
        }
        return vector;
    }

    /**
     * The model and tokenizer {@link AllMiniLmL6V2QuantizedEmbeddingModel} loads, with its mean pooling, in a session
     * of one intra-op thread: one per process, for every embedder, loaded on first use.
     */
    private static final class OneThreadModel extends AbstractInProcessEmbeddingModel {

        static final OneThreadModel INSTANCE = new OneThreadModel();

        private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
        private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

        private final OnnxBertBiEncoder encoder;

        OneThreadModel() {
            super(Runnable::run); // a batch embeds on the caller's thread too
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                 InputStream model = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
                options.setIntraOpNumThreads(1);
                OrtSession session = environment.createSession(model.readAllBytes(), options);
                try {
                    this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
                } catch (RuntimeException e) {
                    try {
                        session.close();
                    } catch (OrtException closing) {
                        e.addSuppressed(closing);
                    }
                    throw e;
                }
            } catch (OrtException e) {
                throw new IllegalStateException("cannot load " + MODEL + " into ONNX Runtime", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + MODEL + " or " + TOKENIZER, e);
            }
        }

        private static InputStream resource(String name) {
            InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }
}
