package io.callstream.enrich.tags.learned;

import java.nio.file.Path;
import java.util.Map;

/**
 * The sentence embedder of this process: all-MiniLM-L6-v2 ({@link MiniLmSentenceEmbedder#shared()}), its embeddings
 * also kept in the file the variable {@value #VARIABLE} names, where it is set ({@link DiskCachedEmbedder}), so that
 * processes run one after another or side by side embed a sentence only where none has yet: batch work, such as
 * every test JVM of a build and the processes its tests start (the build sets it), not a long-lived enrich, whose
 * memory it would grow with every sentence. Unset, nothing is kept beyond the process. The model is loaded at the
 * first sentence the file does not hold.
 */
public final class ProcessEmbedder {

    public static final String VARIABLE = "CALLSTREAM_EMBEDDING_CACHE";

    /** Made on first use, by the class loader's lock: once per process. */
    private static final class Holder {
        private static final SentenceEmbedder INSTANCE = of(System.getenv(), MiniLmSentenceEmbedder.shared());
    }

    private ProcessEmbedder() {
    }

    /** The process's embedder. */
    public static SentenceEmbedder get() {
        return Holder.INSTANCE;
    }

    /** {@code model}, kept in the file {@code environment} names, if it names one. */
    static SentenceEmbedder of(Map<String, String> environment, SentenceEmbedder model) {
        String file = environment.get(VARIABLE);
        return file == null || file.isBlank() ? model : DiskCachedEmbedder.of(model, Path.of(file));
    }
}
